/**
 * Sage keys for canonical ids. Sage 100 Contractor keys records by numbers (recnum bigint); a canonical id
 * that is already a positive whole number keeps it, anything else gets the next free number. The map
 * records, per canonical table, which id the connector will report for each dataset id, so a test can
 * state the expected rows exactly.
 */

export class SageKeys {
  private readonly used = new Map<string, Set<number>>();
  private readonly assigned = new Map<string, Map<string, number>>();
  private readonly next = new Map<string, number>();

  /** Reserves every numeric id first, so allocated numbers never collide with them. */
  reserve(kind: string, ids: Iterable<string>): void {
    const used = this.usedOf(kind);
    for (const id of ids) if (/^[1-9]\d{0,14}$/.test(id)) used.add(Number(id));
  }

  key(kind: string, id: string): number {
    let map = this.assigned.get(kind);
    if (!map) {
      map = new Map();
      this.assigned.set(kind, map);
    }
    const known = map.get(id);
    if (known !== undefined) return known;
    let key: number;
    if (/^[1-9]\d{0,14}$/.test(id)) {
      key = Number(id);
    } else {
      const used = this.usedOf(kind);
      let n = this.next.get(kind) ?? 900_001;
      while (used.has(n)) n++;
      key = n;
      used.add(n);
      this.next.set(kind, n + 1);
    }
    map.set(id, key);
    return key;
  }

  lookup(kind: string, id: string | null): number | undefined {
    if (id === null) return undefined;
    return this.assigned.get(kind)?.get(id);
  }

  private usedOf(kind: string): Set<number> {
    let used = this.used.get(kind);
    if (!used) {
      used = new Set();
      this.used.set(kind, used);
    }
    return used;
  }
}

/** Deterministic v4-shaped GUIDs for _idnum, so a sandbox seeded twice is identical. */
export function guidFactory(): () => string {
  let n = 0;
  return () => {
    n++;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}
