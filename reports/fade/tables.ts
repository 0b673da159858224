/** The gain/fade analysis as a report table. */
import { formatMoney } from '../../connectors/canonical/money.ts';
import type { ReportTable } from '../shared/table.ts';
import type { FadeReport } from './fade.ts';

export function fadeTable(r: FadeReport): ReportTable {
  const highlight: number[] = [];
  r.jobs.forEach((j, i) => {
    if (j.flagged) highlight.push(i);
  });
  const notes = [
    'Gross profit now: estimated for open jobs (contract - estimated total cost), actual for completed jobs.',
    'FADE marks a fall of 10 % or more of the reference gross profit (or any fall of a zero or negative one).',
  ];
  if (r.previous) {
    notes.push(
      `Previous period: WIP at ${r.previous.asOf} (${r.previous.kind === 'closed' ? 'closed' : 'recomputed, not closed'}).`,
    );
  } else notes.push('No previous closed period: compared with the original estimate only.');
  return {
    name: 'Fade',
    title: 'Gross Profit Gain/(Fade) Analysis',
    columns: [
      { key: 'job_number', label: 'Job', kind: 'text' },
      { key: 'job_name', label: 'Job name', kind: 'text', width: 2.2 },
      { key: 'gross_profit_now', label: 'GP now', kind: 'money' },
      { key: 'gross_profit_percent_now', label: 'GP % now', kind: 'ratio', width: 0.6 },
      { key: 'previous_gross_profit', label: 'GP prior period', kind: 'money' },
      { key: 'change_vs_previous', label: 'Gain/(fade) vs prior', kind: 'money' },
      { key: 'points_vs_previous', label: 'Pts vs prior', kind: 'points', width: 0.6 },
      { key: 'original_gross_profit', label: 'Original est. GP', kind: 'money' },
      { key: 'change_vs_original', label: 'Gain/(fade) vs original', kind: 'money' },
      { key: 'points_vs_original', label: 'Pts vs original', kind: 'points', width: 0.6 },
      { key: 'flagged', label: 'Flag', kind: 'flag', width: 0.5 },
    ],
    rows: r.jobs.map((j) => [
      j.jobNumber,
      j.completed ? `${j.jobName} (completed)` : j.jobName,
      j.grossProfitNow ? formatMoney(j.grossProfitNow) : null,
      j.marginNow?.toFixed(10) ?? null,
      j.vsPrevious ? formatMoney(j.vsPrevious.grossProfit) : null,
      j.vsPrevious ? formatMoney(j.vsPrevious.change) : null,
      j.vsPrevious?.pointsChange?.toFixed(6) ?? null,
      j.vsOriginal ? formatMoney(j.vsOriginal.grossProfit) : null,
      j.vsOriginal ? formatMoney(j.vsOriginal.change) : null,
      j.vsOriginal?.pointsChange?.toFixed(6) ?? null,
      String(j.flagged),
    ]),
    highlight,
    notes,
  };
}
