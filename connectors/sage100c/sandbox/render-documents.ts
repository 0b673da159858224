/**
 * Renders commitments, change orders and payables into Sage's shapes:
 * - subcontracts → subcon + sbcnln; purchase orders → pchord + pcorln (lines point at headers by _idref);
 * - prime change orders → prmchg + pmcgln; commitment change orders → prmchg + sbcgln lines naming the
 *   subcontract (vndctc), with the header's status deliberately different from the line's (the sub's
 *   change approved before the owner signs, and the reverse), as in real companies; budget change orders
 *   → prmchg + sbcgln lines without a subcontract, line status different from the header's. A change
 *   order without lines gets one lump-sum line without a cost code;
 * - payables → acpinv: invtyp 1 (Contract) when billed against a subcontract, 2 (Memo) otherwise, with
 *   retention, net, paid and balance, and a ledger transaction (lgrrec) their job cost shares.
 */
import { Dec } from '../../canonical/money.ts';
import type { Dataset } from './dataset.ts';
import {
  CO_STATUS_CODE,
  INVOICE_STATUS_CODE,
  jobKey,
  PO_STATUS_CODE,
  type RenderContext,
  SUBCONTRACT_STATUS_CODE,
} from './render-context.ts';

export function renderDocuments(ctx: RenderContext, dataset: Dataset): void {
  renderCommitments(ctx, dataset);
  renderChangeOrders(ctx, dataset);
  renderPayables(ctx, dataset);
}

function lineNumber(lineId: string, index: number): number {
  return /^[1-9]\d{0,8}$/.test(lineId) ? Number(lineId) : index + 1;
}

function renderCommitments(ctx: RenderContext, dataset: Dataset) {
  const subs = dataset.commitments.filter((c) => c.kind !== 'purchase_order');
  const orders = dataset.commitments.filter((c) => c.kind === 'purchase_order');
  ctx.keys.reserve(
    'subcon',
    subs.map((c) => c.commitment_id),
  );
  ctx.keys.reserve(
    'pchord',
    orders.map((c) => c.commitment_id.replace(/^po-/, '')),
  );
  for (const c of dataset.commitments) {
    const isOrder = c.kind === 'purchase_order';
    const recnum = isOrder
      ? ctx.keys.key('pchord', c.commitment_id.replace(/^po-/, ''))
      : ctx.keys.key('subcon', c.commitment_id);
    ctx.mapId('commitments', c.commitment_id, isOrder ? `po-${recnum}` : recnum);
    const changes = new Dec(c.approved_changes ?? 0);
    const revised = c.revised_amount ?? new Dec(c.original_amount).plus(changes).toFixed(2);
    const invoiced = dataset.payables
      .filter((p) => p.commitment_id === c.commitment_id && p.status !== 'void')
      .reduce((s, p) => s.plus(p.gross_amount), new Dec(0));
    const common = {
      jobnum: jobKey(ctx, c.job_id),
      phsnum: 0,
      vndnum: c.vendor_id === null ? null : ctx.keys.key('vendor', c.vendor_id),
    };
    const header = isOrder
      ? ctx.add('pchord', {
          recnum,
          ordnum: c.number,
          usrdf1: c.linked_id,
          ...common,
          status: PO_STATUS_CODE[c.status ?? 'approved'] ?? 1,
          orddte: c.executed_date,
          pchttl: revised,
          subttl: revised,
          pchbal: new Dec(revised).minus(invoiced).toFixed(2),
        })
      : ctx.add('subcon', {
          recnum,
          ctcnum: c.number,
          usrdf1: c.linked_id,
          ...common,
          status: SUBCONTRACT_STATUS_CODE[c.status ?? 'approved'] ?? 4,
          rtnrte: c.retainage_percent ?? '0',
          condte: c.executed_date,
          cntttl: c.original_amount,
          chgttl: changes.toFixed(2),
          ctcttl: revised,
          invttl: invoiced.toFixed(2),
          balttl: new Dec(revised).minus(invoiced).toFixed(2),
        });
    dataset.commitment_lines
      .filter((l) => l.commitment_id === c.commitment_id)
      .forEach((l, i) => {
        const line = {
          _idref: String(header._idnum),
          recnum,
          linnum: lineNumber(l.line_id, i),
          cstcde: ctx.costCode(l.cost_code, l.ref),
          csttyp: ctx.costType(l.cost_type, l.ref),
        };
        if (isOrder) ctx.add('pcorln', { ...line, extttl: l.amount, linqty: '1.00', linprc: l.amount });
        else ctx.add('sbcnln', { ...line, amount: l.amount, change: '0.00', cntrct: l.amount });
      });
  }
}

function renderChangeOrders(ctx: RenderContext, dataset: Dataset) {
  ctx.keys.reserve(
    'prmchg',
    dataset.change_orders.map((c) => c.change_order_id),
  );
  dataset.change_orders.forEach((co, i) => {
    const commitment = dataset.commitments.find((c) => c.commitment_id === co.commitment_id);
    if (co.kind === 'commitment' && commitment?.kind === 'purchase_order') {
      ctx.warnings.push(`${co.ref}: Sage purchase orders have no change orders; ${co.number} left out`);
      return;
    }
    const recnum = ctx.keys.key('prmchg', co.change_order_id);
    ctx.mapId('change_orders', co.change_order_id, recnum);
    const status = CO_STATUS_CODE[co.status ?? 'pending'] ?? 2;
    const approved = co.status === 'approved';
    const kind = co.kind ?? 'prime';
    const lines = dataset.change_order_lines.filter((l) => l.change_order_id === co.change_order_id);
    // The header/line status quirk: commitment changes flip the header, budget changes flip the lines.
    const flipped = status === 1 ? 2 : status === 2 ? 1 : status;
    const header = ctx.add('prmchg', {
      recnum,
      chgnum: co.number,
      usrdf1: co.linked_id,
      chgdte: co.approved_date,
      jobnum: jobKey(ctx, co.job_id),
      phsnum: 0,
      dscrpt: co.description?.slice(0, 50) ?? null,
      status: kind === 'commitment' && i % 2 === 0 ? flipped : status,
      aprdte: co.approved_date,
      reqamt: kind === 'prime' ? (co.contract_amount ?? '0.00') : '0.00',
      appamt: kind === 'prime' && approved ? (co.contract_amount ?? '0.00') : '0.00',
      cstamt: co.cost_amount ?? '0.00',
    });
    const idref = String(header._idnum);
    if (kind === 'prime') {
      lines.forEach((l, n) => {
        ctx.add('pmcgln', {
          _idref: idref,
          recnum,
          linnum: lineNumber(l.line_id, n),
          cstcde: ctx.costCode(l.cost_code, l.ref),
          csttyp: ctx.costType(l.cost_type, l.ref),
          reqprc: l.amount,
          aprprc: approved ? l.amount : '0.00',
        });
      });
      return;
    }
    const sub = kind === 'commitment' && commitment ? ctx.keys.key('subcon', commitment.commitment_id) : 0;
    const lineStatus = kind === 'budget' && i % 2 === 0 ? flipped : status;
    const subLines = lines.length
      ? lines.map((l, n) => ({
          linnum: lineNumber(l.line_id, n),
          code: l.cost_code,
          type: l.cost_type,
          amount: l.amount,
          ref: l.ref,
        }))
      : [{ linnum: 1, code: null, type: null, amount: co.cost_amount ?? '0.00', ref: co.ref }];
    for (const l of subLines) {
      ctx.add('sbcgln', {
        _idref: idref,
        recnum,
        linnum: l.linnum,
        cstcde: ctx.costCode(l.code, l.ref),
        csttyp: ctx.costType(l.type, l.ref),
        bdgprc: l.amount,
        vndctc: sub,
        vndnum: commitment?.vendor_id ? ctx.keys.key('vendor', commitment.vendor_id) : 0,
        chgsts: lineStatus,
        chgnum: co.number,
        chgdte: co.approved_date,
      });
    }
  });
}

function renderPayables(ctx: RenderContext, dataset: Dataset) {
  ctx.keys.reserve(
    'acpinv',
    dataset.payables.map((p) => p.invoice_id),
  );
  for (const p of dataset.payables) {
    const recnum = ctx.keys.key('acpinv', p.invoice_id);
    ctx.mapId('payables', p.invoice_id, recnum);
    const commitment = dataset.commitments.find((c) => c.commitment_id === p.commitment_id);
    const isSub = commitment !== undefined && commitment.kind !== 'purchase_order';
    // Sage keeps one retention figure per invoice; a release is an invoice with negative retention.
    const retain = new Dec(p.retainage_held ?? 0).minus(p.retainage_released ?? 0);
    const net = new Dec(p.net_amount ?? new Dec(p.gross_amount).minus(retain));
    const paid = p.status === 'paid' ? net : new Dec(0);
    ctx.add('acpinv', {
      recnum,
      invnum: p.number,
      usrdf1: p.linked_id,
      jobnum: jobKey(ctx, p.job_id),
      phsnum: 0,
      vndnum: p.vendor_id === null ? null : ctx.keys.key('vendor', p.vendor_id),
      invdte: p.invoice_date,
      status: INVOICE_STATUS_CODE[p.status ?? 'posted'] ?? 1,
      invtyp: isSub ? 1 : 2,
      ctcnum: isSub ? commitment.number : '',
      pchord: commitment?.kind === 'purchase_order' ? commitment.number : '',
      invttl: p.gross_amount,
      invamt: p.gross_amount,
      retain: retain.toFixed(2),
      invnet: net.toFixed(2),
      amtpad: paid.toFixed(2),
      invbal: net.minus(paid).toFixed(2),
      lgrrec: ctx.nextLedgerRef(),
    });
  }
}
