/**
 * Renders a canonical dataset (PM side) into Procore's shapes, on the endpoints the connector reads. The
 * mapping is the connector's mapping run backwards, so reading the sandbox yields the dataset again. What
 * Procore cannot express (a void purchase order, a rejected budget change, a posted direct cost…) is served
 * as the nearest Procore value and listed in `warnings`.
 */
import { SandboxData } from './data.ts';
import type { Dataset } from './dataset.ts';
import { renderChangeOrders, renderCommitments, renderPrimeContracts } from './render-contracts.ts';
import { renderDirectCosts, renderOwnerInvoices, renderRequisitions } from './render-invoices.ts';
import { JobKit, RenderKit } from './render-kit.ts';

export function renderDataset(ds: Dataset, companyId: string, at: string): SandboxData {
  const data = new SandboxData(companyId, 'tieout Sandbox Builders');
  const kit = new RenderKit(data, ds, at);

  for (const v of kit.rows('vendors')) {
    const key = v.status === 'inactive' ? 'vendors_inactive' : 'vendors';
    const body = {
      name: v.name,
      origin_id: v.linked_id,
      origin_code: null,
      is_active: v.status !== 'inactive',
    };
    data.add(key, kit.num(v.vendor_id!), body, at);
  }

  const companyCodes = kit.rows('cost_codes').filter((c) => !c.job_id);
  if (companyCodes.length > 0) {
    data.add('standard_cost_code_lists', '1', { name: 'Standard Cost Codes' }, at);
    companyCodes.forEach((c, i) => {
      const body = { code: c.code, full_code: c.code, name: c.description, origin_id: c.linked_id };
      data.add('standard_cost_codes:1', String(2001 + i), body, at);
    });
  }

  for (const job of kit.rows('jobs')) {
    const j = new JobKit(kit, job, kit.num(job.job_id!));
    renderProject(j, companyId);
    renderBudget(j);
    renderPrimeContracts(j);
    renderOwnerInvoices(j);
    renderCommitments(j);
    renderChangeOrders(j);
    renderRequisitions(j);
    renderDirectCosts(j);
  }
  return data;
}

function renderProject(j: JobKit, companyId: string) {
  const { kit, job, pid } = j;
  const stage = job.status === 'open' ? 'Course of Construction' : 'Post-Construction';
  kit.data.add(
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
      stage_name: stage,
      project_stage: { id: job.status === 'open' ? 3 : 4, name: stage },
      company: { id: Number(companyId), name: kit.data.companyName },
    },
    kit.at,
  );
  for (const c of j.of('cost_codes')) {
    const id = kit.next();
    j.codeIds.set(c.code!, id);
    kit.data.add(
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
      kit.at,
    );
  }
}

/** One budget view per project; the view's columns arrive under their display names, as Procore sends them. */
function renderBudget(j: JobKit) {
  const { kit, pid } = j;
  const m = kit.m;
  const viewId = kit.next();
  kit.data.add(`budget_views:${pid}`, viewId, { name: 'Procore Standard Budget', description: null }, kit.at);
  for (const b of j.of('budget_lines')) {
    const t = kit.typeOf(b.cost_type);
    const codeId = j.codeIds.get(b.cost_code!);
    kit.data.add(
      `detail_rows:${viewId}`,
      kit.next(),
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
      kit.at,
    );
  }
}
