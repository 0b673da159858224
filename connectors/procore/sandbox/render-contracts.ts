/** Prime contracts, commitments with their schedule of values, and change orders (prime, commitment, budget). */
import { Dec } from '../../canonical/money.ts';
import type { JobKit } from './render-kit.ts';

const CONTRACT_STATUS: Record<string, string> = {
  draft: 'Draft',
  pending: 'Out For Signature',
  approved: 'Approved',
  complete: 'Complete',
  void: 'Void',
};
const PO_STATUS: Record<string, string> = {
  draft: 'Draft',
  pending: 'Submitted',
  approved: 'Approved',
  complete: 'Closed',
  void: 'Closed',
};

export function renderPrimeContracts(j: JobKit) {
  const { kit, pid } = j;
  const primes = j.of('prime_contracts');
  for (const p of primes) {
    kit.data.add(
      `prime_contracts:${pid}`,
      kit.num(p.contract_id!),
      {
        number: p.number,
        title: p.number,
        status: CONTRACT_STATUS[p.status ?? 'draft'],
        origin_id: p.linked_id,
        grand_total: kit.m.render(p.original_amount),
        executed: Boolean(p.executed_date),
        execution_date: p.executed_date,
      },
      kit.at,
    );
  }
  j.primeId = primes[0] ? kit.num(primes[0].contract_id!) : null;
}

export function renderCommitments(j: JobKit) {
  const { kit, pid } = j;
  const m = kit.m;
  for (const c of j.of('commitments')) {
    const isPo = c.kind === 'purchase_order';
    const key = isPo ? 'purchase_order_contracts' : 'work_order_contracts';
    if (isPo && c.status === 'void') {
      kit.warn(`commitment ${c.commitment_id}: Procore purchase orders cannot be void; served as Closed`);
    }
    const cid = kit.num(c.commitment_id!);
    kit.data.add(
      `${key}:${pid}`,
      cid,
      {
        number: c.number,
        title: c.number,
        status: (isPo ? PO_STATUS : CONTRACT_STATUS)[c.status ?? 'draft'],
        origin_id: c.linked_id,
        vendor: c.vendor_id ? { id: Number(kit.num(c.vendor_id)) } : null,
        grand_total: m.render(c.original_amount),
        approved_change_orders: m.render(c.approved_changes),
        revised_contract: m.render(c.revised_amount),
        retainage_percent: c.retainage_percent ? new Dec(c.retainage_percent).toFixed(2) : null,
        executed: Boolean(c.executed_date),
        execution_date: c.executed_date,
        project: { id: Number(pid) },
      },
      kit.at,
    );
    const lines = kit.rows('commitment_lines').filter((l) => l.commitment_id === c.commitment_id);
    j.commitmentLines.set(
      c.commitment_id!,
      lines.map((l) => ({ code: l.cost_code ?? null, type: l.cost_type ?? null, id: kit.num(l.line_id!) })),
    );
    for (const l of lines) {
      kit.data.add(
        `${key}_lines:${cid}`,
        kit.num(l.line_id!),
        {
          amount: m.render(l.amount),
          description: null,
          cost_code: j.codeRef(l.cost_code),
          line_item_type: kit.typeRef(l.cost_type),
        },
        kit.at,
      );
    }
  }
}

export function renderChangeOrders(j: JobKit) {
  const { kit, pid } = j;
  for (const co of j.of('change_orders')) {
    const lines = kit.rows('change_order_lines').filter((r) => r.change_order_id === co.change_order_id);
    if (co.kind === 'budget') {
      renderBudgetChange(j, co, lines);
      continue;
    }
    const prime = co.kind === 'prime';
    const key = prime ? 'prime_change_orders' : 'commitment_change_orders';
    const coId = kit.num(co.change_order_id!);
    kit.data.add(
      `${key}:${pid}`,
      coId,
      {
        number: co.number,
        title: co.description,
        status: co.status,
        contract_id: prime ? (j.primeId ? Number(j.primeId) : null) : Number(kit.num(co.commitment_id!)),
        origin_id: co.linked_id,
        grand_total: kit.m.render(prime ? co.contract_amount : co.cost_amount),
        reviewed_at: co.approved_date ? `${co.approved_date}T16:00:00Z` : null,
        executed: co.status === 'approved',
      },
      kit.at,
    );
    for (const l of lines) {
      const body = {
        amount: new Dec(l.amount!).toFixed(2),
        description: null,
        wbs_code: j.wbs(l.cost_code, l.cost_type),
      };
      kit.data.add(`${key}_lines:${coId}`, kit.num(l.line_id!), body, kit.at);
    }
  }
}

/** Budget changes appear as v2 adjustment line items, each carrying its budget change's header fields. */
function renderBudgetChange(
  j: JobKit,
  co: Record<string, string | null>,
  lines: Record<string, string | null>[],
) {
  const { kit, pid } = j;
  const id = co.change_order_id;
  if (lines.length === 0)
    kit.warn(`budget change ${id}: has no lines, so Procore's adjustment list cannot show it`);
  if (co.status === 'rejected')
    kit.warn(`budget change ${id}: budget changes cannot be rejected; served as void`);
  if (co.approved_date || co.linked_id || co.contract_amount) {
    kit.warn(`budget change ${id}: approved_date, linked_id and contract_amount are not served`);
  }
  const key = `budget_adjustments:${pid}`;
  for (const [i, l] of lines.entries()) {
    kit.data.add(
      key,
      String(kit.data.list(key).length + 1),
      {
        id: l.line_id,
        adjustment_number: i + 1,
        amount: Number(l.amount),
        description: null,
        type: 'budget_change',
        wbs_code: j.wbs(l.cost_code, l.cost_type),
        budget_change_id: id,
        budget_change_number: co.number,
        budget_change_status:
          co.status === 'pending' ? 'under_review' : co.status === 'rejected' ? 'void' : co.status,
        budget_change_name: co.description,
      },
      kit.at,
    );
  }
}
