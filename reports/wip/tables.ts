/** The WIP schedule as report tables: contracts in progress, and the balance-sheet tie-out. */
import { formatMoney } from '../../connectors/canonical/money.ts';
import type { ReportHeader, ReportTable } from '../shared/table.ts';
import { hasBaselineFor, WIP_COLUMNS } from './columns.ts';
import { edgeValue } from './json.ts';
import type { WipSchedule } from './types.ts';

const ESTIMATE_SOURCE_LABEL = {
  pm: 'PM estimate at completion (ERP revised budget where the PM job has none)',
  erp: 'ERP revised budget',
} as const;

/** Relative PDF widths where a column needs more or less than a money column. */
const COLUMN_WIDTHS: Record<string, number> = { job_number: 0.75, job_name: 2.3, percent_complete: 0.7 };

export function wipHeader(s: WipSchedule, title = 'Schedule of Contracts in Progress'): ReportHeader {
  const lines = [`Estimated cost source: ${ESTIMATE_SOURCE_LABEL[s.estimateSource]}`];
  if (s.preparedBy) lines.push(`Prepared by ${s.preparedBy}`);
  if (s.snapshotTakenAt) lines.push(`Data as of snapshot ${s.snapshotTakenAt}`);
  return { title, company: s.company.name, asOf: s.asOf, lines };
}

export function wipTable(s: WipSchedule): ReportTable {
  const highlight: number[] = [];
  s.jobs.forEach((l, i) => {
    if (l.warnings.includes('loss_job') || l.warnings.includes('cost_exceeds_estimate')) highlight.push(i);
  });
  const notes: string[] = [];
  for (const l of s.jobs) {
    for (const n of l.notes) notes.push(`${l.jobNumber}: ${n}`);
    if (l.warnings.includes('no_estimate'))
      notes.push(`${l.jobNumber}: no estimate yet — shown at 0 % complete.`);
  }
  if (s.fiscalYearBaseline) {
    notes.push(
      `Fiscal-year columns from ${s.fiscalYearStart}, against the WIP at ${s.fiscalYearBaseline.asOf} (${
        s.fiscalYearBaseline.kind === 'closed'
          ? 'closed period'
          : s.fiscalYearBaseline.kind === 'year_end_snapshot'
            ? 'not closed; computed from the snapshot current at that date'
            : `ESTIMATE: ${s.fiscalYearBaseline.reason ?? 'recomputed from this snapshot; that period is not closed'}`
      }).`,
    );
  }
  if (s.periodBaseline) notes.push(`Period columns since the closed WIP at ${s.periodBaseline.asOf}.`);
  else notes.push('No closed period before this date: the period columns are blank.');
  notes.push(...s.warnings);
  return {
    name: 'WIP',
    title: 'Schedule of Contracts in Progress',
    columns: WIP_COLUMNS.map((c) => ({
      key: c.key,
      label: c.label,
      kind: c.kind,
      width: COLUMN_WIDTHS[c.key],
    })),
    rows: s.jobs.map((l) => WIP_COLUMNS.map((c) => edgeValue(c.kind, c.value(l)))),
    totals: WIP_COLUMNS.map((c, i) =>
      c.total && hasBaselineFor(c.key, s) ? formatMoney(c.total(s.totals)) : i === 0 ? 'Total' : null,
    ),
    highlight,
    notes,
  };
}

export function balanceSheetTable(s: WipSchedule): ReportTable {
  const bs = s.balanceSheet;
  const m = (v: Parameters<typeof formatMoney>[0] | null) => (v === null ? null : formatMoney(v));
  return {
    name: 'Balance sheet',
    title: 'Balance-sheet tie-out',
    columns: [
      { key: 'caption', label: 'Caption', kind: 'text', width: 3 },
      { key: 'wip', label: 'Per WIP (open and completed jobs)', kind: 'money' },
      { key: 'completed_jobs', label: 'of which completed jobs', kind: 'money' },
      { key: 'gl', label: 'Per general ledger', kind: 'money' },
      { key: 'difference', label: 'Difference', kind: 'money' },
      { key: 'accounts', label: 'GL accounts', kind: 'text', width: 1.4 },
    ],
    rows: [
      [
        'Costs and estimated earnings in excess of billings (asset)',
        m(bs.underBillings.wip),
        m(bs.underBillings.completedJobs),
        m(bs.underBillings.gl),
        m(bs.underBillings.difference),
        bs.underBillings.accounts,
      ],
      [
        'Billings in excess of costs and estimated earnings (liability)',
        m(bs.overBillings.wip),
        m(bs.overBillings.completedJobs),
        m(bs.overBillings.gl),
        m(bs.overBillings.difference),
        bs.overBillings.accounts,
      ],
      ['Net over/(under) billing', m(bs.net), null, null, null, null],
    ],
    notes:
      bs.underBillings.gl === null && bs.overBillings.gl === null
        ? ['The books hold no GL balances for these accounts at this date; only the WIP side is shown.']
        : ['Differences should be zero once the month-end WIP entry is posted.'],
  };
}

export function wipCsvTable(s: WipSchedule): ReportTable {
  return { ...wipTable(s), totals: undefined };
}
