/**
 * Procore's two windows (official-docs/plan_your_app/rate_limiting.md): an hourly limit and a spike limit
 * over 10 seconds. Every call counts, failed ones too. The X-Rate-Limit-* headers report the window most
 * likely to run out first: the spike window, until the hourly one is nearly exhausted.
 */
import { type Clock, systemClock } from '../../clock.ts';

export interface RateLimitSettings {
  hourly: number;
  spike: number;
  spikeWindowSeconds: number;
  hourWindowSeconds: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  hourly: 3600,
  spike: 100,
  spikeWindowSeconds: 10,
  hourWindowSeconds: 3600,
};

interface Window {
  limit: number;
  seconds: number;
  start: number;
  used: number;
}

export class RateLimiter {
  private readonly hour: Window;
  private readonly spike: Window;
  total = 0;

  constructor(
    s: RateLimitSettings = DEFAULT_RATE_LIMITS,
    private readonly clock: Clock = systemClock,
  ) {
    this.hour = { limit: s.hourly, seconds: s.hourWindowSeconds, start: clock.now(), used: 0 };
    this.spike = { limit: s.spike, seconds: s.spikeWindowSeconds, start: clock.now(), used: 0 };
  }

  /** Counts a call; returns the headers to send and whether it is over a limit. */
  take(): { limited: boolean; headers: Record<string, string> } {
    const now = this.clock.now();
    for (const w of [this.hour, this.spike]) {
      if (now >= w.start + w.seconds * 1000) {
        w.start = now;
        w.used = 0;
      }
    }
    this.total++;
    const overHour = this.hour.used >= this.hour.limit;
    const overSpike = this.spike.used >= this.spike.limit;
    this.hour.used++;
    this.spike.used++;
    const hourLeft = this.hour.limit - this.hour.used;
    const report = overHour || (!overSpike && hourLeft < this.spike.limit) ? this.hour : this.spike;
    return { limited: overHour || overSpike, headers: headersOf(report) };
  }
}

function headersOf(w: Window): Record<string, string> {
  return {
    'X-Rate-Limit-Limit': String(w.limit),
    'X-Rate-Limit-Remaining': String(Math.max(0, w.limit - w.used)),
    'X-Rate-Limit-Reset': String(Math.ceil((w.start + w.seconds * 1000) / 1000)),
  };
}
