/**
 * Limits kept in the server process (the one process that owns the data directory), on an injected clock.
 *
 * Sign-in (`DelayLimiter`): progressive delays, not locks. Each key (a client address, an account) may fail a
 * few times freely; after that every failure doubles the wait before the key's next attempt is heard (1 s,
 * 2 s, 4 s … up to the rule's cap), and a key with no failure for `forgetMs` starts again. The account's cap is
 * one minute, so whoever fails on purpose against a named user slows their sign-in by at most a minute and can
 * never lock them out; the address's cap is long (the guesser's own address). Maps are bounded.
 *
 * API (`RequestLimiter`): a token bucket per credential (an API token, or a person's session), so one client
 * cannot take the server from everyone else.
 */
export interface DelayRule {
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait, doubled at each further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key without a failure for this long is forgotten. */
  forgetMs: number;
}

export const MAX_KEYS = 10_000;

type Now = () => number;

/** Drops the oldest keys (insertion order) until the map holds at most `max`. */
function bound<V>(map: Map<string, V>, max: number): void {
  for (const k of map.keys()) {
    if (map.size <= max) break;
    map.delete(k);
  }
}

export class DelayLimiter {
  private readonly seen = new Map<string, { failures: number; lastFailure: number; notBefore: number }>();

  constructor(
    private readonly rule: DelayRule,
    private readonly now: Now = Date.now,
  ) {}

  /** Seconds the key must still wait before an attempt is heard, or 0. Records nothing. */
  wait(key: string): number {
    const entry = this.live(key);
    return entry ? Math.max(0, Math.ceil((entry.notBefore - this.now()) / 1000)) : 0;
  }

  /** Records a failed attempt; returns the seconds before the key's next attempt is heard (0 while free). */
  fail(key: string): number {
    const now = this.now();
    const entry = this.live(key) ?? { failures: 0, lastFailure: now, notBefore: now };
    entry.failures++;
    entry.lastFailure = now;
    const over = entry.failures - this.rule.free;
    const delay = over <= 0 ? 0 : Math.min(this.rule.maxDelayMs, this.rule.firstDelayMs * 2 ** (over - 1));
    entry.notBefore = now + delay;
    this.seen.delete(key); // re-inserted last: the oldest keys are the first dropped
    this.seen.set(key, entry);
    if (this.seen.size > MAX_KEYS) this.sweep(now);
    return Math.ceil(delay / 1000);
  }

  clear(key: string): void {
    this.seen.delete(key);
  }

  get size(): number {
    return this.seen.size;
  }

  private live(key: string) {
    const entry = this.seen.get(key);
    if (entry && this.now() - entry.lastFailure > this.rule.forgetMs && this.now() >= entry.notBefore) {
      this.seen.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    for (const [k, v] of this.seen)
      if (now - v.lastFailure > this.rule.forgetMs && now >= v.notBefore) this.seen.delete(k);
    bound(this.seen, MAX_KEYS);
  }
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Per account: 5 free failures, then 1 s doubling to at most 1 minute (a slowdown, never a lock-out). */
export const LOGIN_PER_ACCOUNT: DelayRule = {
  free: 5,
  firstDelayMs: SECOND,
  maxDelayMs: MINUTE,
  forgetMs: 15 * MINUTE,
};
/** Per client address: 20 free failures (an office behind one address), then 1 s doubling to 15 minutes. */
export const LOGIN_PER_ADDRESS: DelayRule = {
  free: 20,
  firstDelayMs: SECOND,
  maxDelayMs: 15 * MINUTE,
  forgetMs: 15 * MINUTE,
};

/** A token bucket per credential: `perMinute` requests a minute on average, bursts up to the same number. */
export class RequestLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: Now = Date.now,
  ) {}

  /** Takes one request from the key's bucket; returns 0, or the seconds until the next one is allowed. */
  take(key: string): number {
    const now = this.now();
    const rate = this.perMinute / MINUTE;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    bound(this.buckets, MAX_KEYS);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rate / SECOND));
  }
}
