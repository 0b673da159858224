/**
 * Fault switches for tests, per endpoint (a substring of the request path): a 429 burst, a 503 with
 * Retry-After, a 500, a response slower than the client timeout, a connection reset, truncated JSON, and a
 * field of the wrong type in the first item, and a `Total` header that disagrees with the list (as when
 * records are added while a list is paged), a field left out of the first item, and an access token that expires just before the call (the
 * sandbox then answers 401 until the client fetches a new one). Each fault fires `times` times, then the
 * endpoint behaves.
 */
export type FaultKind =
  | '429'
  | '503'
  | '500'
  | 'slow'
  | 'reset'
  | 'truncated'
  | 'wrong_type'
  | 'wrong_total'
  | '403'
  | '404'
  | 'expired_token'
  | 'missing_field';

export interface Fault {
  /** Substring of the path (without query) the fault applies to, e.g. "work_order_contracts". */
  path: string;
  kind: FaultKind;
  times: number;
  /** slow: how long to stall before answering. */
  delayMs?: number;
  /** wrong_type, missing_field: the field of the first item to break or leave out. */
  field?: string;
  /** 429/503: seconds in Retry-After (429 also sets X-Rate-Limit-Reset that far ahead). */
  retryAfterSeconds?: number;
}

export class FaultSwitches {
  private faults: Fault[] = [];
  fired = 0;

  set(fault: Fault) {
    this.faults.push({ ...fault });
  }

  clear() {
    this.faults = [];
  }

  /** The fault to apply to this path now, if any (consumes one firing). */
  take(path: string, kinds?: FaultKind[]): Fault | undefined {
    const f = this.faults.find(
      (x) => x.times > 0 && path.includes(x.path) && (!kinds || kinds.includes(x.kind)),
    );
    if (!f) return undefined;
    f.times--;
    this.fired++;
    return f;
  }
}
