/**
 * Record ids as each system hands them out. Procore ids are numeric strings, several above 2^32 (projects,
 * change orders and direct costs here); Sage 100 Contractor ids are job numbers and record numbers.
 * Allocation is sequential, so the same seed gives the same ids.
 */
export type PmIdKind =
  | 'project'
  | 'vendor'
  | 'prime_contract'
  | 'commitment'
  | 'change_order'
  | 'invoice'
  | 'direct_cost'
  | 'billing'
  | 'sync_item';
export type ErpIdKind = 'vendor' | 'commitment' | 'change_order' | 'invoice' | 'cost' | 'billing';

const PM_BASE: Record<PmIdKind, bigint> = {
  project: 562949953421312n,
  vendor: 3_104_000n,
  prime_contract: 18_400_000n,
  commitment: 24_117_000n,
  change_order: 562949954012000n,
  invoice: 9_712_000n,
  direct_cost: 4_500_000_000n,
  billing: 11_230_000n,
  sync_item: 77_301_000n,
};

const ERP_BASE: Record<ErpIdKind, number> = {
  vendor: 1000,
  commitment: 1001,
  change_order: 1,
  invoice: 30001,
  cost: 800001,
  billing: 5001,
};

export class IdAllocator {
  private readonly pmNext = new Map<PmIdKind, bigint>();
  private readonly erpNext = new Map<ErpIdKind, number>();

  pm(kind: PmIdKind): string {
    const next = this.pmNext.get(kind) ?? PM_BASE[kind];
    this.pmNext.set(kind, next + 1n);
    return next.toString();
  }

  erp(kind: ErpIdKind): string {
    const next = this.erpNext.get(kind) ?? ERP_BASE[kind];
    this.erpNext.set(kind, next + 1);
    return String(next);
  }

  both(pm: PmIdKind, erp: ErpIdKind): { pm: string; erp: string } {
    return { pm: this.pm(pm), erp: this.erp(erp) };
  }
}

/** Vendor ids: Procore numeric ids and Sage vendor numbers (1000, 1010, …). */
export const vendorIds = (index: number) => ({
  pm: String(3_104_000 + index),
  erp: String(1000 + index * 10),
});

/** Sage 100 Contractor job record: numeric, year and sequence, e.g. 2024-017 → 24017. */
export function sageJobId(jobNumber: string): string {
  const [year = '', seq = ''] = jobNumber.split('-');
  return `${year.slice(2)}${seq}`;
}

/** Sage-style cost code: digits only, no leading zero, e.g. 03-300 → 3300. */
export function sageCostCode(code: string): string {
  return code.replace(/[^0-9A-Za-z]/g, '').replace(/^0+(?=.)/, '');
}
