/**
 * A figure's drill-down page: the WIP cell or job cost total, the documents behind it on both sides (the
 * source system's number and id, the source reference, the paired document, the raw payload when kept), and
 * whether they total the figure. A formula column links to the columns it reads.
 */
import type { Context } from 'hono';
import type { ApiEnv } from '../api/context.ts';
import { jobCostLines, wipLines } from '../api/queries.ts';
import { todayUtc } from '../api/reports.handlers.ts';
import { companyFor, principal, requireJob } from '../api/scope.ts';
import type { SnapshotCache } from '../api/snapshots.ts';
import type { Lineage } from '../reports/lineage.ts';
import { Layout, Money } from './layout.tsx';

const SIDE = { pm: 'Procore', erp: 'Books' } as const;

/** Where a figure's drill-down page is. */
export function linesHref(
  report: 'wip' | 'job_cost',
  companyId: string,
  jobNumber: string,
  column: string,
  asOf: string,
): string {
  const base = `/companies/${encodeURIComponent(companyId)}`;
  const job = encodeURIComponent(jobNumber);
  const path = report === 'wip' ? `wip/jobs/${job}` : `jobs/${job}/job-cost`;
  return `${base}/${path}/columns/${encodeURIComponent(column)}/lines?asOf=${asOf}`;
}

function asOfOf(c: Context<ApiEnv>): string {
  const q = c.req.query('asOf') ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(q) ? q : todayUtc();
}

export async function wipLinesPage(c: Context<ApiEnv>, cache: SnapshotCache) {
  const company = companyFor(c, c.req.param('companyId')!);
  const asOf = asOfOf(c);
  const renders = c.get('limits').renders;
  const params = { asOf, jobNumber: c.req.param('jobNumber')!, column: c.req.param('column')! };
  const lineage = await wipLines(cache, company, params, (fn) => renders.run(fn));
  return c.html(
    <LinesPage
      c={c}
      lineage={lineage}
      back={`/companies/${encodeURIComponent(company.id)}/wip?asOf=${asOf}`}
    />,
  );
}

export async function jobCostLinesPage(c: Context<ApiEnv>, cache: SnapshotCache) {
  const company = companyFor(c, c.req.param('companyId')!);
  const jobNumber = c.req.param('jobNumber')!;
  requireJob(c, company.id, jobNumber);
  const asOf = asOfOf(c);
  const lineage = await jobCostLines(cache, company, jobNumber, asOf, c.req.param('column')!);
  const back = `/companies/${encodeURIComponent(company.id)}/jobs/${encodeURIComponent(jobNumber)}?asOf=${asOf}`;
  return c.html(<LinesPage c={c} lineage={lineage} back={back} />);
}

function LinesPage(props: { c: Context<ApiEnv>; lineage: Lineage; back: string }) {
  const l = props.lineage;
  const report = l.report === 'wip' ? 'WIP' : 'Job cost';
  return (
    <Layout title={`${l.column.label} · ${l.job.number}`} principal={principal(props.c)}>
      <h1>
        {report} · {l.job.number} {l.job.name} · {l.column.label}
      </h1>
      <p class="muted">
        {l.company.name} · as of {l.as_of} · snapshot {l.snapshot.taken_at.slice(0, 16).replace('T', ' ')} UTC
        · <a href={props.back}>back to the {report === 'WIP' ? 'WIP' : 'job cost report'}</a>
      </p>
      <p>
        Figure: <strong class="num figure-value">{l.figure ?? '—'}</strong>
        {l.kind === 'rows' ? (
          <>
            {' '}
            · documents total <strong class="num lines-total">{l.lines_total}</strong>{' '}
            {l.ties ? (
              <span class="badge ok">ties</span>
            ) : (
              <span class="badge error">does not tie: report it, the figure must not be used</span>
            )}
          </>
        ) : null}
      </p>
      {l.kind === 'derived' ? (
        <>
          <p>Computed: {l.formula}.</p>
          <ul>
            {l.inputs.map((i) => (
              <li>
                <a href={linesHref(l.report, l.company.id, l.job.number, i.column, l.as_of)}>{i.label}</a>:{' '}
                {i.figure ?? '—'}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <div class="scroll">
          <table class="compact documents">
            <thead>
              <tr>
                <th>Side</th>
                <th>Document</th>
                <th>Line</th>
                <th>Date</th>
                <th>Status</th>
                <th>Cost code</th>
                <th class="num">Amount</th>
                <th>Source</th>
                <th>Other side</th>
                <th>Payload</th>
              </tr>
            </thead>
            <tbody>
              {l.documents.map((d) => (
                <tr>
                  <td>{SIDE[d.side]}</td>
                  <td>
                    {d.number ?? d.document_id}{' '}
                    <span class="muted">
                      ({d.table} {d.document_id})
                    </span>
                  </td>
                  <td>{d.line_id ?? ''}</td>
                  <td>{d.counts_from ?? d.date ?? ''}</td>
                  <td>{d.status ?? ''}</td>
                  <td>{[d.cost_code, d.cost_type].filter(Boolean).join(' / ')}</td>
                  <Money value={d.sign === -1 ? `-${d.amount}`.replace('--', '') : d.amount} />
                  <td class="ref">{d.source_ref ?? d.document_ref ?? ''}</td>
                  <td>
                    {d.other_side
                      ? `${SIDE[d.other_side.side]} ${d.other_side.number ?? ''} (${d.other_side.document_id}) ${d.other_side.source_ref ?? ''}`
                      : ''}
                  </td>
                  <td>
                    {d.raw_payload === null ? (
                      ''
                    ) : (
                      <details>
                        <summary>raw</summary>
                        <pre>{JSON.stringify(d.raw_payload, null, 2)}</pre>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
