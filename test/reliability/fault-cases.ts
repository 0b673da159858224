/**
 * Fault × endpoint-family cases. The long form (TIEOUT_RELIABILITY=long) runs the full product; the short
 * form a covering design: every kind and every family at least once, transient and persistent, with the
 * pairs shifted so the persistent pass does not repeat the transient one.
 */
export const LONG = process.env.TIEOUT_RELIABILITY === 'long';

export type Persistence = 'transient' | 'persistent';

export interface FaultCase<K extends string, F> {
  kind: K;
  family: F;
  persistence: Persistence;
}

export function faultCases<K extends string, F>(
  kinds: readonly K[],
  families: readonly F[],
): FaultCase<K, F>[] {
  const out: FaultCase<K, F>[] = [];
  for (const persistence of ['transient', 'persistent'] as const) {
    if (LONG) {
      for (const kind of kinds) for (const family of families) out.push({ kind, family, persistence });
      continue;
    }
    const shift = persistence === 'transient' ? 0 : 1;
    const n = Math.max(kinds.length, families.length);
    for (let i = 0; i < n; i++) {
      out.push({
        kind: kinds[(i + shift) % kinds.length]!,
        family: families[i % families.length]!,
        persistence,
      });
    }
  }
  return out;
}
