/**
 * Login attempt limiting: a fixed window per client address and per email, in the server process (the one
 * process that owns the data directory). Successful sign-ins clear the email's count.
 */
export interface LimitRule {
  attempts: number;
  windowMs: number;
}

export const MAX_KEYS = 10_000;

export class AttemptLimiter {
  private readonly seen = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly rule: LimitRule) {}

  /** Counts an attempt; returns the seconds to wait when over the limit, or 0. */
  hit(key: string, now = Date.now()): number {
    let entry = this.seen.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + this.rule.windowMs };
      this.seen.set(key, entry);
    }
    entry.count++;
    if (this.seen.size > MAX_KEYS) this.sweep(now);
    return entry.count > this.rule.attempts ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  clear(key: string): void {
    this.seen.delete(key);
  }

  /** Drops expired keys, then the oldest, so the map never holds more than MAX_KEYS (memory stays bounded). */
  private sweep(now: number): void {
    for (const [k, v] of this.seen) if (v.resetAt <= now) this.seen.delete(k);
    for (const k of this.seen.keys()) {
      if (this.seen.size <= MAX_KEYS) break;
      this.seen.delete(k);
    }
  }

  get size(): number {
    return this.seen.size;
  }
}

export const LOGIN_PER_EMAIL: LimitRule = { attempts: 5, windowMs: 15 * 60_000 };
export const LOGIN_PER_ADDRESS: LimitRule = { attempts: 30, windowMs: 15 * 60_000 };
