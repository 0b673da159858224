/**
 * Vista values → canonical values: status codes (reference/viewpoint-vista README, "Status / enums"), cost
 * types, months and percentages. Where a code's meaning is uncertain the reading is named here, once.
 */
import { Dec } from '../canonical/money.ts';
import { sageDate, sageText } from '../sage100c/values.ts';

export { sageDate as vistaDate, sageMoney as vistaMoney, sageText as vistaText } from '../sage100c/values.ts';

/** JCJM.JobStatus: 1 open, 2 soft-closed, 3 hard-closed; 0 (the default, pending) counts as open. */
export function jobStatus(value: unknown): string | null {
  return (
    ({ 0: 'open', 1: 'open', 2: 'completed', 3: 'closed' } as Record<string, string>)[String(value)] ?? null
  );
}

/** JCCM.ContractStatus: 0 pending, 1 open, 2 soft-closed, 3 hard-closed. */
export function contractStatus(value: unknown): string | null {
  return (
    ({ 0: 'pending', 1: 'approved', 2: 'complete', 3: 'complete' } as Record<string, string>)[
      String(value)
    ] ?? null
  );
}

/** SLHD.Status (and POHD.Status, assumed the same): 0 open, 1 complete, 2 closed, 3 pending. */
export function commitmentStatus(value: unknown): string | null {
  return (
    ({ 0: 'approved', 1: 'complete', 2: 'complete', 3: 'pending' } as Record<string, string>)[
      String(value)
    ] ?? null
  );
}

/**
 * PMOI.Status is the company's own code: the usual APPROVED / PENDING / REJECTED / VOID, spelled out or by
 * first letter. An item with Approved = 'Y' is approved whatever its code says.
 */
export function changeOrderStatus(status: unknown, approved: unknown): string | null {
  if (String(approved ?? '').toUpperCase() === 'Y') return 'approved';
  const code = (sageText(status) ?? '').toUpperCase();
  const first = code.charAt(0);
  return (
    ({ A: 'approved', P: 'pending', R: 'rejected', V: 'void' } as Record<string, string>)[first] ?? 'pending'
  );
}

/** PMOI.PCOType, the company's own code: OWNER (prime), SUB (commitment), BUDGET, or their first letters. */
export function changeOrderKind(value: unknown): string | null {
  const first = (sageText(value) ?? '').toUpperCase().charAt(0);
  return ({ O: 'prime', S: 'commitment', B: 'budget' } as Record<string, string>)[first] ?? null;
}

/** JCCD.ReversalStatus: 2 is read as a reversed entry (void); every other value as posted. */
export function costStatus(value: unknown): string {
  return String(value) === '2' ? 'void' : 'posted';
}

/** JCCD.JCTransType → canonical source of cost. */
export function costSource(value: unknown): string {
  const type = String(value ?? '').toUpperCase();
  if (type === 'AP' || type === 'PO' || type === 'SL') return 'ap';
  if (type === 'PR') return 'payroll';
  if (type === 'EM') return 'equipment';
  if (type === 'JC' || type === 'CA' || type === 'IC') return 'journal';
  return 'direct';
}

/** Last day of the month a Vista month (bMonth, first of month) names. */
export function monthEnd(value: unknown): string | null {
  const first = sageDate(value);
  if (first === null) return null;
  const [y, m] = first.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

/** bPct is a fraction (0.1 = 10 %); canonical percentages are points, trailing zeros dropped. */
export function percentOf(fraction: unknown): string | null {
  const text = sageText(fraction);
  if (text === null) return null;
  return new Dec(text)
    .times(100)
    .toFixed(4)
    .replace(/\.?0+$/, '');
}

/** Cost type numbers named: the configured ones, else the company's JCCT description, else the number. */
export class CostTypes {
  private readonly names = new Map<string, string>();
  constructor(private readonly configured: Record<string, string>) {}

  addJcct(phaseGroup: unknown, costType: unknown, description: unknown): void {
    const name = sageText(description);
    if (name) this.names.set(`${phaseGroup}|${costType}`, name.toLowerCase());
  }

  of(phaseGroup: unknown, costType: unknown): string | null {
    if (costType === null || costType === undefined) return null;
    const number = String(costType);
    return this.configured[number] ?? this.names.get(`${phaseGroup}|${number}`) ?? number;
  }
}
