/**
 * Renders a canonical dataset (PM side) into Procore's shapes, on the endpoints the connector reads. The
 * mapping is the connector's mapping run backwards, so reading the sandbox yields the dataset again. What
 * Procore cannot express (a void purchase order, a budget-only change order, a posted direct cost…) is
 * served as the nearest Procore value and listed in `warnings`.
 */
import { Dec } from '../../canonical/money.ts';
import { procoreCostTypeCode, STANDARD_TYPE_NAMES } from '../cost-types.ts';
import { SandboxData } from './data.ts';
import type { Dataset } from './dataset.ts';
import { MoneyStyler } from './money-text.ts';

type Row = Record<string, string | null>;

export function renderDataset(ds: Dataset, companyId: string, at: string): SandboxData {
  const data = new SandboxData(companyId, 'tieout Sandbox Builders');
  const m = new MoneyStyler();
  const warn = (w: string) => data.warnings.push(w);
  const num = numericIds(warn);
  const rows = <T extends keyof Dataset>(t: T) => ds[t] as unknown as Row[];

  // Line item types: the five standard ones plus every custom code the dataset uses.
  const types = new Map<string, { id: string; code: string; name: string }>();
  const typeOf = (costType: string | null | undefined) => {
    if (!costType) return null;
    let t = types.get(costType);
    if (!t) {
      const code = procoreCostTypeCode(costType);
      t = { id: String(1001 + types.size), code, name: STANDARD_TYPE_NAMES[costType] ?? costType };
      types.set(costType, t);
      data.add(
        'line_item_types',
        t.id,
        { code: t.code, name: t.name, base_type: 'other', origin_id: null },
        at,
      );
    }
    return t;
  };
  for (const t of Object.keys(STANDARD_TYPE_NAMES)) typeOf(t);
  const typeRef = (costType: string | null | undefined) => {
    const t = typeOf(costType);
    return t ? { id: Number(t.id), code: t.code, name: t.name, base_type: 'other' } : null;
  };

  for (const v of rows('vendors')) {
    const key = v.status === 'inactive' ? 'vendors_inactive' : 'vendors';
    data.add(
      key,
      num(v.vendor_id!),
      { name: v.name, origin_id: v.linked_id, origin_code: null, is_active: v.status !== 'inactive' },
      at,
    );
  }

  const companyCodes = rows('cost_codes').filter((c) => !c.job_id);
  if (companyCodes.length > 0) {
    data.add('standard_cost_code_lists', '1', { name: 'Standard Cost Codes' }, at);
    companyCodes.forEach((c, i) => {
      data.add(
        'standard_cost_codes:1',
        String(2001 + i),
        { code: c.code, full_code: c.code, name: c.description, origin_id: c.linked_id },
        at,
      );
    });
  }

  let seq = 100_000;
  const next = () => String(++seq);
  for (const job of rows('jobs')) {
    const pid = num(job.job_id!);
    data.add(
      'projects',
      pid,
      {
        name: job.name,
        display_name: `${job.number} - ${job.name}`,
        project_number: job.number,
        origin_id: job.linked_id,
        active: job.status !== 'closed',
        start_date: job.start_date,
        completion_date: job.completion_date,
        stage_name: job.status === 'open' ? 'Course of Construction' : 'Post-Construction',
        project_stage: {
          id: job.status === 'open' ? 3 : 4,
          name: job.status === 'open' ? 'Course of Construction' : 'Post-Construction',
        },
        company: { id: Number(companyId), name: data.companyName },
      },
      at,
    );

    const codeIds = new Map<string, string>();
    for (const c of rows('cost_codes').filter((r) => r.job_id === job.job_id)) {
      const id = next();
      codeIds.set(c.code!, id);
      data.add(
        `cost_codes:${pid}`,
        id,
        {
          code: c.code,
          full_code: c.code,
          name: c.description,
          origin_id: c.linked_id,
          biller_type: 'Project',
          biller_id: Number(pid),
        },
        at,
      );
    }
    const codeRef = (code: string | null | undefined) =>
      code
        ? { id: codeIds.has(code) ? Number(codeIds.get(code)) : null, code, full_code: code, name: null }
        : null;
    const wbs = (code: string | null | undefined, type: string | null | undefined) =>
      code
        ? { id: Number(next()), flat_code: type ? `${code}.${typeOf(type)!.code}` : code, description: null }
        : null;

    const viewId = next();
    data.add(`budget_views:${pid}`, viewId, { name: 'Procore Standard Budget', description: null }, at);
    for (const b of rows('budget_lines').filter((r) => r.job_id === job.job_id)) {
      const t = typeOf(b.cost_type);
      const codeId = codeIds.get(b.cost_code!);
      data.add(
        `detail_rows:${viewId}`,
        next(),
        {
          project_id: Number(pid),
          cost_code_id: codeId ? Number(codeId) : null,
          cost_code: b.cost_code,
          category_id: t ? Number(t.id) : null,
          category: t?.name ?? null,
          original_budget_amount: m.render(b.original_budget),
          budget_modifications: '0.00',
          budget_forecast: { amount: m.render(b.forecast_to_complete), calculation_strategy: 'manual' },
          'Approved Budget Changes': m.render(b.approved_changes),
          'Revised Budget': m.render(b.revised_budget),
          'Pending Budget Changes': m.render(b.pending_changes),
          'Committed Costs': m.render(b.committed_cost),
          'Estimated Cost at Completion': m.render(b.estimated_cost_at_completion),
        },
        at,
      );
    }

    const primes = rows('prime_contracts').filter((r) => r.job_id === job.job_id);
    for (const p of primes) {
      data.add(
        `prime_contracts:${pid}`,
        num(p.contract_id!),
        {
          number: p.number,
          title: p.number,
          status: CONTRACT_STATUS[p.status ?? 'draft'],
          origin_id: p.linked_id,
          grand_total: m.render(p.original_amount),
          executed: Boolean(p.executed_date),
          execution_date: p.executed_date,
          project: { id: Number(pid) },
        },
        at,
      );
    }
    const primeId = primes[0] ? num(primes[0].contract_id!) : null;
    renderOwnerInvoices(
      data,
      m,
      rows('billings').filter((r) => r.job_id === job.job_id),
      primeId,
      pid,
      at,
      warn,
    );

    const commitmentLineIds = new Map<string, { code: string | null; type: string | null; id: string }[]>();
    for (const c of rows('commitments').filter((r) => r.job_id === job.job_id)) {
      const isPo = c.kind === 'purchase_order';
      const key = isPo ? 'purchase_order_contracts' : 'work_order_contracts';
      if (isPo && c.status === 'void')
        warn(`commitment ${c.commitment_id}: Procore purchase orders cannot be void; served as Closed`);
      const cid = num(c.commitment_id!);
      data.add(
        `${key}:${pid}`,
        cid,
        {
          number: c.number,
          title: c.number,
          status: (isPo ? PO_STATUS : CONTRACT_STATUS)[c.status ?? 'draft'],
          origin_id: c.linked_id,
          vendor: c.vendor_id ? { id: Number(num(c.vendor_id)) } : null,
          grand_total: m.render(c.original_amount),
          approved_change_orders: m.render(c.approved_changes),
          revised_contract: m.render(c.revised_amount),
          retainage_percent: c.retainage_percent ? new Dec(c.retainage_percent).toFixed(2) : null,
          executed: Boolean(c.executed_date),
          execution_date: c.executed_date,
          project: { id: Number(pid) },
        },
        at,
      );
      const lines = rows('commitment_lines').filter((l) => l.commitment_id === c.commitment_id);
      commitmentLineIds.set(
        c.commitment_id!,
        lines.map((l) => ({ code: l.cost_code ?? null, type: l.cost_type ?? null, id: num(l.line_id!) })),
      );
      for (const l of lines) {
        data.add(
          `${key}_lines:${cid}`,
          num(l.line_id!),
          {
            amount: m.render(l.amount),
            description: null,
            cost_code: codeRef(l.cost_code),
            line_item_type: typeRef(l.cost_type),
          },
          at,
        );
      }
    }

    for (const co of rows('change_orders').filter((r) => r.job_id === job.job_id)) {
      if (co.kind === 'budget') {
        const lines = rows('change_order_lines').filter((r) => r.change_order_id === co.change_order_id);
        if (lines.length === 0)
          warn(
            `budget change ${co.change_order_id}: has no lines, so Procore's adjustment list cannot show it`,
          );
        if (co.status === 'rejected')
          warn(`budget change ${co.change_order_id}: budget changes cannot be rejected; served as void`);
        if (co.approved_date || co.linked_id || co.contract_amount)
          warn(
            `budget change ${co.change_order_id}: approved_date, linked_id and contract_amount are not served`,
          );
        for (const [i, l] of lines.entries()) {
          data.add(
            `budget_adjustments:${pid}`,
            String(data.list(`budget_adjustments:${pid}`).length + 1),
            {
              id: l.line_id,
              adjustment_number: i + 1,
              amount: Number(l.amount),
              description: null,
              type: 'budget_change',
              wbs_code: wbs(l.cost_code, l.cost_type),
              budget_change_id: co.change_order_id,
              budget_change_number: co.number,
              budget_change_status:
                co.status === 'pending' ? 'under_review' : co.status === 'rejected' ? 'void' : co.status,
              budget_change_name: co.description,
            },
            at,
          );
        }
        continue;
      }
      const prime = co.kind === 'prime';
      const key = prime ? 'prime_change_orders' : 'commitment_change_orders';
      const coId = num(co.change_order_id!);
      data.add(
        `${key}:${pid}`,
        coId,
        {
          number: co.number,
          title: co.description,
          status: co.status,
          contract_id: prime ? (primeId ? Number(primeId) : null) : Number(num(co.commitment_id!)),
          origin_id: co.linked_id,
          grand_total: m.render(prime ? co.contract_amount : co.cost_amount),
          reviewed_at: co.approved_date ? `${co.approved_date}T16:00:00Z` : null,
          executed: co.status === 'approved',
        },
        at,
      );
      for (const l of rows('change_order_lines').filter((r) => r.change_order_id === co.change_order_id)) {
        data.add(
          `${key}_lines:${coId}`,
          num(l.line_id!),
          {
            amount: new Dec(l.amount!).toFixed(2),
            description: null,
            wbs_code: wbs(l.cost_code, l.cost_type),
          },
          at,
        );
      }
    }

    renderRequisitions(
      data,
      m,
      rows('payables').filter((r) => r.job_id === job.job_id),
      rows('payable_lines'),
      commitmentLineIds,
      codeIds,
      num,
      pid,
      at,
      warn,
    );

    for (const t of rows('cost_transactions').filter((r) => r.job_id === job.job_id)) {
      if (t.status === 'posted' || t.status === 'void')
        warn(
          `cost transaction ${t.transaction_id}: Procore direct costs have no ${t.status} status; served as approved`,
        );
      const id = num(t.transaction_id!);
      data.add(
        `direct_costs:${pid}`,
        id,
        {
          direct_cost_type: t.source === 'ap' ? 'invoice' : t.source === 'payroll' ? 'payroll' : 'expense',
          direct_cost_date: t.date,
          invoice_number: t.invoice_id,
          vendor_id: t.vendor_id ? Number(num(t.vendor_id)) : null,
          status: t.status === 'pending' ? 'pending' : 'approved',
          description: t.description,
          grand_total: m.render(t.amount),
        },
        at,
      );
      data.add(
        `direct_cost_lines:${pid}`,
        id,
        {
          amount: m.render(t.amount),
          description: t.description,
          holder: { id: Number(id), holder_type: 'DirectCost' },
          cost_code: codeRef(t.cost_code),
          line_item_type: typeRef(t.cost_type),
        },
        at,
      );
    }
  }
  return data;
}

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

function renderOwnerInvoices(
  data: SandboxData,
  m: MoneyStyler,
  billings: Row[],
  primeId: string | null,
  pid: string,
  at: string,
  warn: (w: string) => void,
) {
  if (billings.length === 0) return;
  if (!primeId) {
    warn(`project ${pid}: billings without a prime contract are not served`);
    return;
  }
  let done = new Dec(0);
  let retained = new Dec(0);
  const sorted = [...billings].sort((a, b) =>
    a.period_end! < b.period_end! ? -1 : a.period_end! > b.period_end! ? 1 : 0,
  );
  sorted.forEach((b, i) => {
    done = done.plus(b.billed_amount!);
    if (b.retainage_held) retained = retained.plus(b.retainage_held);
    if (b.status === 'posted' || b.status === 'paid' || b.status === 'void')
      warn(`billing ${b.billing_id}: owner invoices have no ${b.status} status; served as approved`);
    data.add(
      `payment_applications:${primeId}`,
      b.billing_id!,
      {
        number: i + 1,
        invoice_number: b.number,
        origin_id: b.linked_id,
        period_end: b.period_end,
        billing_date: b.period_end,
        status: b.status === 'draft' ? 'draft' : b.status === 'pending' ? 'under_review' : 'approved',
        total_amount_accrued_this_period: m.render(b.billed_amount),
        g702: {
          total_completed_and_stored_to_date: m.render(done.toFixed(2)),
          total_retainage: !b.retainage_held ? null : m.render(retained.toFixed(2)),
        },
        contract: { id: Number(primeId), type: 'PrimeContract' },
      },
      at,
    );
  });
}

function renderRequisitions(
  data: SandboxData,
  m: MoneyStyler,
  payables: Row[],
  allLines: Row[],
  commitmentLines: Map<string, { code: string | null; type: string | null; id: string }[]>,
  codeIds: Map<string, string>,
  num: (id: string) => string,
  pid: string,
  at: string,
  warn: (w: string) => void,
) {
  const byCommitment = new Map<string, Row[]>();
  for (const p of payables) {
    const k = p.commitment_id ?? '';
    byCommitment.set(k, [...(byCommitment.get(k) ?? []), p]);
  }
  for (const [commitmentId, list] of byCommitment) {
    let done = new Dec(0);
    let retained = new Dec(0);
    list.sort((a, b) => ((a.period_end ?? '') < (b.period_end ?? '') ? -1 : 1));
    list.forEach((p, i) => {
      if (p.status === 'void')
        warn(`payable ${p.invoice_id}: Procore invoices cannot be void; served as approved`);
      const lines = allLines.filter((l) => l.invoice_id === p.invoice_id);
      done = done.plus(p.gross_amount!);
      retained = retained.plus(p.retainage_held ?? 0).minus(p.retainage_released ?? 0);
      const items = lines.map((l, j) => {
        const match = commitmentLines
          .get(commitmentId)
          ?.find((c) => c.code === l.cost_code && c.type === l.cost_type);
        const codeId = l.cost_code ? codeIds.get(l.cost_code) : undefined;
        return {
          id: Number(num(l.line_id!)),
          item_type: 'contract_item',
          cost_code_id: codeId ? Number(codeId) : null,
          line_item_id: match ? Number(match.id) : null,
          work_completed_this_period: m.render(l.amount),
          materials_presently_stored: '0.00',
          work_completed_retainage_retained_this_period: m.render(l.retainage_held ?? '0.00'),
          work_completed_retainage_released_this_period:
            j === 0 ? m.render(p.retainage_released ?? '0.00') : '0.00',
          materials_stored_retainage_released_this_period: '0.00',
        };
      });
      data.add(
        `requisitions:${pid}`,
        num(p.invoice_id!),
        {
          number: i + 1,
          invoice_number: p.number,
          origin_id: p.linked_id,
          project_id: Number(pid),
          commitment_id: p.commitment_id ? Number(num(p.commitment_id)) : null,
          vendor_id: p.vendor_id ? Number(num(p.vendor_id)) : null,
          billing_date: p.invoice_date,
          requisition_start: null,
          requisition_end: p.period_end,
          payment_date: p.status === 'paid' ? p.period_end : null,
          status: p.status === 'pending' ? 'under_review' : 'approved',
          summary: {
            total_completed_and_stored_to_date: m.render(done.toFixed(2)),
            total_retainage: !p.retainage_held ? null : m.render(retained.toFixed(2)),
            current_payment_due: m.render(p.net_amount),
          },
          items,
        },
        at,
      );
    });
  }
}

/** Procore ids are integers: numeric dataset ids are kept, others get a stable number (and a warning). */
function numericIds(warn: (w: string) => void) {
  const given = new Map<string, string>();
  return (id: string): string => {
    if (/^\d+$/.test(id)) return id;
    let n = given.get(id);
    if (!n) {
      let h = 0;
      for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
      n = String(900_000_000 + (h % 99_000_000));
      given.set(id, n);
      warn(`id "${id}" is not numeric; Procore ids are integers, served as ${n}`);
    }
    return n;
  };
}
