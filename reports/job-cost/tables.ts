/** The job cost report as JSON and as report tables (summary on top, then the lines). */
import { formatMoney } from '../../connectors/canonical/money.ts';
import type { ReportTable, TableColumn } from '../shared/table.ts';
import { JOB_COST_AMOUNTS, type JobCostAmount, type JobCostReport } from './job-cost.ts';

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const JOB_COST_LABELS: Record<JobCostAmount, string> = {
  originalBudget: 'Original budget',
  approvedChanges: 'Approved changes',
  revisedBudget: 'Revised budget',
  pendingChanges: 'Pending budget changes',
  projectedBudget: 'Projected budget',
  committedCost: 'Committed cost',
  directCost: 'Direct cost',
  jobToDateCost: 'Job-to-date cost (PM)',
  pendingCostChanges: 'Pending cost changes',
  projectedCost: 'Projected cost',
  forecastToComplete: 'Forecast to complete',
  estimatedCostAtCompletion: 'Estimated cost at completion',
  projectedOverUnder: 'Projected over/(under)',
  erpPostedCost: 'ERP posted cost',
  variance: 'Variance PM - ERP',
};

export function jobCostJson(r: JobCostReport) {
  const amounts = (o: Record<JobCostAmount, Parameters<typeof formatMoney>[0]>) =>
    Object.fromEntries(JOB_COST_AMOUNTS.map((a) => [snake(a), formatMoney(o[a])]));
  return {
    as_of: r.asOf,
    company: r.company,
    job: {
      job_id: r.job.jobId,
      number: r.job.number,
      name: r.job.name,
      status: r.job.status,
      pm_job_id: r.job.pmJobId,
    },
    summary: { ...amounts(r.totals), overrun_lines: r.overrunLines },
    lines: r.lines.map((l) => ({
      cost_code: l.costCode,
      erp_cost_code: l.erpCostCode,
      cost_type: l.costType,
      ...amounts(l),
      on_budget: l.onBudget,
      forecast_overrun: l.overrun,
    })),
    notes: r.notes,
  };
}

export function jobCostTable(r: JobCostReport): ReportTable {
  const columns: TableColumn[] = [
    { key: 'cost_code', label: 'Cost code', kind: 'text', width: 0.8 },
    { key: 'erp_cost_code', label: 'Books code', kind: 'text', width: 0.6 },
    { key: 'cost_type', label: 'Cost type', kind: 'text', width: 1.05 },
    ...JOB_COST_AMOUNTS.map((a) => ({ key: snake(a), label: JOB_COST_LABELS[a], kind: 'money' as const })),
  ];
  const highlight: number[] = [];
  r.lines.forEach((l, i) => {
    if (l.overrun) highlight.push(i);
  });
  return {
    name: 'Job cost',
    title: `Job cost — ${r.job.number} ${r.job.name}`,
    columns,
    rows: r.lines.map((l) => [
      l.costCode,
      l.erpCostCode,
      l.costType,
      ...JOB_COST_AMOUNTS.map((a) => formatMoney(l[a])),
    ]),
    totals: ['Total', null, null, ...JOB_COST_AMOUNTS.map((a) => formatMoney(r.totals[a]))],
    highlight,
    notes: [
      ...r.notes,
      r.overrunLines
        ? `${r.overrunLines} line(s) forecast to overrun (estimated cost at completion above projected budget), in red.`
        : 'No line is forecast to overrun.',
    ],
  };
}

/** The job summary printed above the lines: where the job stands, in a few figures. */
export function jobCostSummaryTable(r: JobCostReport): ReportTable {
  const t = r.totals;
  const row = (label: string, v: Parameters<typeof formatMoney>[0]) => [label, formatMoney(v)];
  return {
    name: 'Summary',
    title: `Job summary — ${r.job.number} ${r.job.name} (${r.job.status})`,
    columns: [
      { key: 'measure', label: 'Measure', kind: 'text', width: 2 },
      { key: 'amount', label: 'Amount', kind: 'money', width: 1 },
      { key: 'spacer', label: '', kind: 'text', width: 5 },
    ],
    rows: [
      row('Revised budget', t.revisedBudget),
      row('Projected budget', t.projectedBudget),
      row('Committed cost', t.committedCost),
      row('Job-to-date cost (PM)', t.jobToDateCost),
      row('ERP posted cost', t.erpPostedCost),
      row('Variance PM - ERP', t.variance),
      row('Estimated cost at completion', t.estimatedCostAtCompletion),
      row('Projected over/(under)', t.projectedOverUnder),
    ],
    notes: [
      r.overrunLines
        ? `${r.overrunLines} cost code × cost type line(s) forecast to overrun.`
        : 'No line is forecast to overrun.',
    ],
    highlight: t.projectedOverUnder.lt(0) ? [7] : [],
  };
}
