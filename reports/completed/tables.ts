/** The completed-contracts schedule as a report table. */
import { formatMoney } from '../../connectors/canonical/money.ts';
import type { ReportTable } from '../shared/table.ts';
import type { CompletedSchedule } from './completed.ts';

const money = (v: Parameters<typeof formatMoney>[0] | null) => (v === null ? null : formatMoney(v));

export function completedTable(s: CompletedSchedule): ReportTable {
  const highlight: number[] = [];
  s.jobs.forEach((j, i) => {
    if (j.grossProfit.lt(0) || (j.variance?.lt(0) ?? false)) highlight.push(i);
  });
  return {
    name: 'Completed',
    title: `Schedule of Completed Contracts (${s.fiscalYearStart} to ${s.asOf})`,
    columns: [
      { key: 'job_number', label: 'Job', kind: 'text' },
      { key: 'job_name', label: 'Job name', kind: 'text', width: 2.2 },
      { key: 'completion_date', label: 'Completed', kind: 'date' },
      { key: 'final_contract', label: 'Final contract', kind: 'money' },
      { key: 'final_cost', label: 'Final cost', kind: 'money' },
      { key: 'gross_profit', label: 'Gross profit', kind: 'money' },
      { key: 'gross_profit_percent', label: 'GP %', kind: 'ratio', width: 0.6 },
      { key: 'original_estimated_gross_profit', label: 'Original est. GP', kind: 'money' },
      { key: 'original_estimated_gross_profit_percent', label: 'Orig. GP %', kind: 'ratio', width: 0.6 },
      { key: 'variance', label: 'Gain/(fade)', kind: 'money' },
    ],
    rows: s.jobs.map((j) => [
      j.jobNumber,
      j.jobName,
      j.completionDate,
      money(j.finalContract),
      money(j.finalCost),
      money(j.grossProfit),
      j.grossProfitMargin?.toFixed(10) ?? null,
      money(j.originalEstimatedGrossProfit),
      j.originalEstimatedMargin?.toFixed(10) ?? null,
      money(j.variance),
    ]),
    totals: [
      'Total',
      null,
      null,
      money(s.totals.finalContract),
      money(s.totals.finalCost),
      money(s.totals.grossProfit),
      null,
      money(s.totals.originalEstimatedGrossProfit),
      null,
      money(s.totals.variance),
    ],
    highlight,
    notes: s.jobs.length === 0 ? ['No contracts were completed in the fiscal year to date.'] : [],
  };
}
