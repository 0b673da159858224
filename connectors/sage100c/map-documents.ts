/**
 * Sage rows → canonical commitments, change orders and payables.
 *
 * Ids: a subcontract is its subcon.recnum ("301"); a purchase order "po-" + pchord.recnum ("po-12"), since
 * the two tables number independently. A change order is its prmchg.recnum when the header carries one
 * change (prime, or a single subcontract/budget change); a header carrying several gets one change order
 * per part: "<recnum>-<subcontract>" or "<recnum>-budget".
 */
import { Dec } from '../canonical/money.ts';
import type { SourceRecord } from '../contract.ts';
import type { MappingOptions } from './config.ts';
import { phasedCode, record } from './map-core.ts';
import type { SqlRow } from './sql-client.ts';
import {
  changeOrderStatus,
  costTypeOf,
  invoiceStatus,
  linkedIdOf,
  purchaseOrderStatus,
  sageDate,
  sageId,
  sageMoney,
  sageMoneyOrZero,
  sagePercent,
  sageRetention,
  sageText,
  subcontractStatus,
} from './values.ts';

export function subcontractRecord(row: SqlRow, options: MappingOptions): SourceRecord {
  return record(
    {
      commitment_id: sageId(row.recnum),
      linked_id: linkedIdOf(row, options.linkedIdField),
      job_id: sageId(row.jobnum),
      number: sageText(row.ctcnum),
      kind: 'subcontract',
      vendor_id: sageId(row.vndnum),
      status: subcontractStatus(row.status),
      original_amount: sageMoneyOrZero(row.cntttl),
      approved_changes: sageMoneyOrZero(row.chgttl),
      revised_amount: sageMoneyOrZero(row.ctcttl),
      retainage_percent: sagePercent(row.rtnrte) ?? '0',
      executed_date: sageDate(row.condte),
    },
    `subcon recnum ${row.recnum}`,
    row,
  );
}

export function purchaseOrderRecord(row: SqlRow, options: MappingOptions): SourceRecord {
  const total = sageMoneyOrZero(row.pchttl);
  return record(
    {
      commitment_id: `po-${row.recnum}`,
      linked_id: linkedIdOf(row, options.linkedIdField),
      job_id: sageId(row.jobnum),
      number: sageText(row.ordnum),
      kind: 'purchase_order',
      vendor_id: sageId(row.vndnum),
      status: purchaseOrderStatus(row.status),
      original_amount: total,
      approved_changes: null,
      revised_amount: total,
      retainage_percent: null,
      executed_date: sageDate(row.orddte),
    },
    `pchord recnum ${row.recnum}`,
    row,
  );
}

export function commitmentLineRecord(
  row: SqlRow,
  kind: 'subcontract' | 'purchase_order',
  options: MappingOptions,
): SourceRecord {
  const isOrder = kind === 'purchase_order';
  return record(
    {
      commitment_id: isOrder ? `po-${row.header}` : sageId(row.header),
      line_id: sageId(row.linnum),
      cost_code: phasedCode(row.cstcde, null, options),
      cost_type: costTypeOf(row.csttyp, options.costTypeNames),
      amount: sageMoneyOrZero(isOrder ? row.extttl : row.cntrct),
    },
    `${isOrder ? 'pcorln' : 'sbcnln'} of ${isOrder ? 'pchord' : 'subcon'} ${row.header} line ${row.linnum}`,
    row,
  );
}

export function payableRecord(row: SqlRow, options: MappingOptions): SourceRecord {
  const contract = Number(row.invtyp) === 1;
  const subcontract = sageId(row.subcontract);
  const order = sageId(row.purchase_order);
  return record(
    {
      invoice_id: sageId(row.recnum),
      linked_id: linkedIdOf(row, options.linkedIdField),
      job_id: sageId(row.jobnum),
      number: sageText(row.invnum),
      vendor_id: sageId(row.vndnum),
      // Only a Contract invoice bills its subcontract; a memo invoice naming one does not count against it.
      commitment_id: contract && subcontract ? subcontract : order ? `po-${order}` : null,
      invoice_date: sageDate(row.invdte),
      period_end: null,
      status: invoiceStatus(row.status),
      gross_amount: sageMoney(row.invttl),
      // One retention figure per invoice: a negative one releases retention to the vendor.
      ...sageRetention(row.retain),
      net_amount: sageMoney(row.invnet),
    },
    `acpinv recnum ${row.recnum}`,
    row,
  );
}

export function payableLineRecord(row: SqlRow, options: MappingOptions): SourceRecord {
  return record(
    {
      invoice_id: sageId(row.invoice),
      line_id: sageId(row.recnum),
      cost_code: phasedCode(row.cstcde, row.phsnum, options),
      cost_type: costTypeOf(row.csttyp, options.costTypeNames),
      amount: sageMoney(row.cstamt),
      retainage_held: null,
    },
    `jobcst recnum ${row.recnum} (distribution of acpinv ${row.invoice})`,
    row,
  );
}

interface Part {
  kind: 'commitment' | 'budget';
  subcontract: string | null;
  status: number;
  lines: SqlRow[];
}

/**
 * Assembles change orders from headers (prmchg), prime details (pmcgln) and budget/subcontract details
 * (sbcgln). A header with prime details or a requested/approved contract amount is a prime change order;
 * its status is the header's. Its sbcgln lines are split by subcontract: each subcontract's lines are a
 * commitment change order whose status is the lines' own (chgsts), and lines without a subcontract are a
 * budget change order whose status is the header's. Lines without a cost code (lump sums) count in the
 * amount but have no canonical line.
 */
export function assembleChangeOrders(
  headers: SqlRow[],
  primeLines: SqlRow[],
  subLines: SqlRow[],
  options: MappingOptions,
): { orders: SourceRecord[]; lines: SourceRecord[] } {
  const primeBy = groupBy(primeLines, (l) => String(l.header));
  const subBy = groupBy(subLines, (l) => String(l.header));
  const orders: SourceRecord[] = [];
  const lines: SourceRecord[] = [];
  for (const h of headers) {
    const recnum = String(h.recnum);
    const headerStatus = Number(h.status);
    const approved = headerStatus === 1;
    const prime = primeBy.get(recnum) ?? [];
    const contractAmount = sageMoneyOrZero(approved ? h.appamt : h.reqamt);
    const hasPrime = prime.length > 0 || contractAmount !== '0.00' || sageMoneyOrZero(h.appamt) !== '0.00';
    const parts = splitParts(subBy.get(recnum) ?? [], headerStatus);
    const sole = !hasPrime && parts.length === 1;
    if (hasPrime) {
      orders.push(
        record(
          {
            change_order_id: recnum,
            linked_id: linkedIdOf(h, options.linkedIdField),
            job_id: sageId(h.jobnum),
            number: sageText(h.chgnum),
            kind: 'prime',
            commitment_id: null,
            status: changeOrderStatus(headerStatus),
            approved_date: approved ? sageDate(h.aprdte) : null,
            contract_amount: contractAmount,
            cost_amount: sageMoneyOrZero(h.cstamt),
            description: sageText(h.dscrpt),
          },
          `prmchg recnum ${recnum}`,
          h,
        ),
      );
      for (const l of prime) {
        if (isLumpSum(l)) continue;
        lines.push(
          record(
            {
              change_order_id: recnum,
              line_id: sageId(l.linnum),
              cost_code: phasedCode(l.cstcde, h.phsnum, options),
              cost_type: costTypeOf(l.csttyp, options.costTypeNames),
              amount: sageMoneyOrZero(approved ? l.aprprc : l.reqprc),
            },
            `pmcgln of prmchg ${recnum} line ${l.linnum}`,
            l,
          ),
        );
      }
    }
    for (const part of parts) {
      const suffix = part.subcontract ?? 'budget';
      const split = parts.filter((p) => p.subcontract === part.subcontract).length > 1;
      const id = sole ? recnum : `${recnum}-${suffix}${split ? `-s${part.status}` : ''}`;
      const first = part.lines[0]!;
      const status = changeOrderStatus(part.status);
      const amount = part.lines.reduce((s, l) => s.plus(sageMoneyOrZero(l.bdgprc)), new Dec(0));
      orders.push(
        record(
          {
            change_order_id: id,
            linked_id: sole ? linkedIdOf(h, options.linkedIdField) : null,
            job_id: sageId(h.jobnum),
            number: sageText(first.chgnum) ?? sageText(h.chgnum),
            kind: part.kind,
            commitment_id: part.subcontract,
            status,
            approved_date: status === 'approved' ? (sageDate(first.chgdte) ?? sageDate(h.aprdte)) : null,
            contract_amount: null,
            cost_amount: amount.toFixed(2),
            description: sageText(h.dscrpt),
          },
          `prmchg recnum ${recnum} (${part.subcontract ? `subcontract ${part.subcontract}` : 'budget'} changes)`,
          { header: h, lines: part.lines },
        ),
      );
      for (const l of part.lines) {
        if (isLumpSum(l)) continue;
        lines.push(
          record(
            {
              change_order_id: id,
              line_id: sageId(l.linnum),
              cost_code: phasedCode(l.cstcde, h.phsnum, options),
              cost_type: costTypeOf(l.csttyp, options.costTypeNames),
              amount: sageMoneyOrZero(l.bdgprc),
            },
            `sbcgln of prmchg ${recnum} line ${l.linnum}`,
            l,
          ),
        );
      }
    }
  }
  return { orders, lines };
}

/** A line without cost code and cost type: a lump sum not tied to the cost structure. */
function isLumpSum(l: SqlRow): boolean {
  return !Number(l.cstcde ?? 0) && !Number(l.csttyp ?? 0);
}

function splitParts(subLines: SqlRow[], headerStatus: number): Part[] {
  const parts = new Map<string, Part>();
  for (const l of subLines) {
    const subcontract = sageId(l.vndctc);
    const kind = subcontract ? 'commitment' : 'budget';
    const status = kind === 'commitment' ? Number(l.chgsts) : headerStatus;
    const key = `${subcontract}|${status}`;
    let part = parts.get(key);
    if (!part) {
      part = { kind, subcontract, status, lines: [] };
      parts.set(key, part);
    }
    part.lines.push(l);
  }
  return [...parts.values()];
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
