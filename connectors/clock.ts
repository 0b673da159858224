/**
 * Time as connectors and sandboxes see it. The system clock in production; in tests a virtual clock, so a
 * client waiting out a rate-limit window and the sandbox counting that window agree on time without anyone
 * waiting on a real one.
 */
import { setTimeout as sleepReal } from 'node:timers/promises';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock (rejects if the signal aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepReal(ms, undefined, signal ? { signal } : undefined),
};

/**
 * A clock whose time moves only when someone waits on it: `sleep(ms)` moves it `ms` forward and resolves at
 * once (after a turn of the event loop, so other work interleaves as it would). Sleeps are counted.
 */
export class VirtualClock implements Clock {
  private current: number;
  /** Total virtual milliseconds slept, and how many times. */
  slept = { ms: 0, times: 0 };

  constructor(start: number | Date = Date.UTC(2026, 9, 31, 12)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const step = Math.max(0, ms);
    this.current += step;
    this.slept.ms += step;
    this.slept.times++;
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  }

  /** Moves time forward without anyone waiting (a test's "an hour later"). */
  advance(ms: number): void {
    this.current += ms;
  }
}
