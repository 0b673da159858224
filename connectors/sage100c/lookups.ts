/**
 * Keys Sage links by value rather than by record number: a payable's ledger transaction (lgrrec) shared by
 * its job cost, a payable's subcontract or order number within its job. Resolved here instead of by SQL
 * joins, because a value two records share would duplicate rows in a join; here it resolves to nothing and
 * is counted, so no amount is ever counted twice.
 */
export class UniqueLookup {
  private readonly values = new Map<string, string>();
  private readonly shared = new Set<string>();

  add(key: string, value: string): void {
    const known = this.values.get(key);
    if (known !== undefined && known !== value) this.shared.add(key);
    else this.values.set(key, value);
  }

  /** The one value for the key; null when none or when several records share the key. */
  get(key: string): string | null {
    if (this.shared.has(key)) return null;
    return this.values.get(key) ?? null;
  }

  isShared(key: string): boolean {
    return this.shared.has(key);
  }

  get sharedKeys(): number {
    return this.shared.size;
  }
}

export function keyOf(...parts: unknown[]): string {
  if (parts.length === 1) return String(parts[0] ?? '').trim(); // job cost looks up a million single keys
  return parts.map((p) => String(p ?? '').trim()).join('|');
}
