/**
 * Job cost: every line charged to a job on a bill, check, credit-card charge or credit, vendor credit, item
 * receipt or journal entry, except retainage (a liability, not cost) and lines on accounts that are not cost
 * of goods sold or expense. Credits are negative; a voided document keeps its lines at zero, marked void.
 */
import type { SourceRecord } from '../../contract.ts';
import { ref, text } from '../qbxml/xml.ts';
import { record } from './documents.ts';
import { isVoid, refId, txnLines } from './lines.ts';
import type { Lookups } from './lookups.ts';
import type { QbdMapping } from './mapping.ts';
import type { MirrorRecord } from './mirror.ts';

export const COST_DOCUMENTS: { entity: string; sign: 1 | -1 }[] = [
  { entity: 'Bill', sign: 1 },
  { entity: 'VendorCredit', sign: -1 },
  { entity: 'ItemReceipt', sign: 1 },
  { entity: 'Check', sign: 1 },
  { entity: 'CreditCardCharge', sign: 1 },
  { entity: 'CreditCardCredit', sign: -1 },
  { entity: 'JournalEntry', sign: 1 },
];

export function costRecords(
  entity: string,
  sign: 1 | -1,
  doc: MirrorRecord,
  lookups: Lookups,
  mapping: QbdMapping,
  jobsOnBill?: number,
): SourceRecord[] {
  const out: SourceRecord[] = [];
  const lines = txnLines(doc.node, lookups, sign);
  const voided = isVoid(doc.node);
  const vendor = refId(doc.node, 'VendorRef') ?? refId(doc.node, 'PayeeEntityRef');
  const isVendor = vendor !== undefined && lookups.vendors.has(vendor);
  const payee = (ref(doc.node, 'PayeeEntityRef')?.fullName ?? '').toLowerCase();
  const billJobs = entity === 'Bill' ? new Set(lines.filter((l) => l.jobId).map((l) => l.jobId)) : undefined;
  for (const l of lines) {
    if (l.kind !== 'cost' || !l.jobId) continue;
    const accountName = text(lookups.accounts.get(l.accountListId ?? ''), 'FullName') ?? '';
    let source: string;
    if (entity === 'Bill' || entity === 'VendorCredit' || entity === 'ItemReceipt') source = 'ap';
    else if (entity === 'JournalEntry') {
      const a = accountName.toLowerCase();
      source = mapping.sources.payrollAccounts.some((p) => p.toLowerCase() === a)
        ? 'payroll'
        : mapping.sources.equipmentAccounts.some((p) => p.toLowerCase() === a)
          ? 'equipment'
          : 'journal';
    } else
      source = mapping.sources.payrollPayees.some((p) => p.toLowerCase() === payee) ? 'payroll' : 'direct';
    const invoiceId =
      entity === 'Bill' ? ((billJobs?.size ?? jobsOnBill ?? 1) > 1 ? `${doc.id}@${l.jobId}` : doc.id) : null;
    out.push(
      record(
        {
          transaction_id: `${doc.id}:${l.lineId}`,
          job_id: l.jobId,
          date: text(doc.node, 'TxnDate'),
          cost_code: l.costCode,
          cost_type: l.costType,
          amount: l.amount.toFixed(2),
          source,
          vendor_id: isVendor ? vendor : null,
          invoice_id: invoiceId,
          status: voided ? 'void' : 'posted',
          description: l.memo ?? text(doc.node, 'Memo') ?? null,
        },
        `QuickBooks ${entity} ${doc.id} line ${l.lineId}`,
      ),
    );
  }
  return out;
}
