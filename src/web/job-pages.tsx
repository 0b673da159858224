/** The jobs list and the live job cost page (the PM's page). */
import type { Context } from 'hono';
import type { ApiEnv } from '../api/context.ts';
import { jobCostReport, loadJobs } from '../api/queries.ts';
import { todayUtc } from '../api/reports.handlers.ts';
import { companyFor, jobFilter, principal, requireJob } from '../api/scope.ts';
import type { SnapshotCache } from '../api/snapshots.ts';
import { listFindings } from '../store/findings.ts';
import { BarChart } from './chart.tsx';
import { FindingsTable } from './findings-pages.tsx';
import { Layout, Money, MoneyValue } from './layout.tsx';
import { linesHref } from './lineage-page.tsx';

export async function jobsPage(c: Context<ApiEnv>, cache: SnapshotCache) {
  const company = companyFor(c, c.req.param('companyId')!);
  const jobs = await loadJobs(cache, company.id, jobFilter(c, company.id));
  const base = `/companies/${encodeURIComponent(company.id)}/jobs`;
  return c.html(
    <Layout title={`Jobs · ${company.name}`} principal={principal(c)}>
      <h1>Jobs · {company.name}</h1>
      <table>
        <thead>
          <tr>
            <th>Job</th>
            <th>Name</th>
            <th>Status</th>
            <th>Procore project</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr>
              <td>
                <a href={`${base}/${encodeURIComponent(j.number)}`}>{j.number}</a>
              </td>
              <td>{j.name}</td>
              <td>{j.status}</td>
              <td>{j.pmJobId ?? <span class="badge warning">not linked</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>,
  );
}

export async function jobCostPage(c: Context<ApiEnv>, cache: SnapshotCache) {
  const company = companyFor(c, c.req.param('companyId')!);
  const jobNumber = c.req.param('jobNumber')!;
  requireJob(c, company.id, jobNumber);
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(c.req.query('asOf') ?? '') ? c.req.query('asOf')! : todayUtc();
  const { snapshot, note } = cache.asOf(company, asOf);
  const r = await jobCostReport(cache, snapshot, company, jobNumber, asOf, note);
  const t = r.totals;
  const findings = listFindings(c.get('runtime').store.db, { companyId: company.id }).filter(
    (l) => l.finding.jobNumber === r.job.number,
  );
  const api = `/api/companies/${encodeURIComponent(company.id)}/jobs/${encodeURIComponent(r.job.number)}/job-cost?asOf=${asOf}`;
  const lines = (column: string) => linesHref('job_cost', company.id, r.job.number, column, asOf);
  return c.html(
    <Layout title={`${r.job.number} job cost`} principal={principal(c)}>
      <h1>
        Job cost · {r.job.number} {r.job.name}
      </h1>
      <p class="muted">
        {company.name} · as of {asOf} · snapshot {snapshot.takenAt.slice(0, 16).replace('T', ' ')} UTC ·{' '}
        <span class="downloads">
          <a href={`${api}&format=pdf`}>PDF</a>
          <a href={`${api}&format=xlsx`}>XLSX</a>
          <a href={`${api}&format=csv`}>CSV</a>
          <a href={api}>JSON</a>
        </span>
      </p>
      <div class="cards">
        {(
          [
            ['Revised budget', t.revisedBudget],
            ['Committed', t.committedCost],
            ['Job-to-date cost', t.jobToDateCost],
            ['Estimated cost at completion', t.estimatedCostAtCompletion],
            ['Projected over/(under)', t.projectedOverUnder],
            ['ERP posted cost', t.erpPostedCost],
            ['Variance PM − ERP', t.variance],
          ] as const
        ).map(([label, value]) => (
          <div class="card">
            <div class="label">{label}</div>
            <MoneyValue value={value} />
          </div>
        ))}
        <div class="card">
          <div class="label">Lines forecast to overrun</div>
          <div class="value">{r.overrunLines}</div>
        </div>
      </div>
      <h2>Budget, committed, actual and estimate at completion</h2>
      <BarChart
        title="Budget vs committed vs actual vs EAC"
        bars={[
          { label: 'Projected budget', value: t.projectedBudget, color: '#84adea' },
          { label: 'Committed', value: t.committedCost, color: '#fdb022' },
          { label: 'Job-to-date cost', value: t.jobToDateCost, color: '#1f5fa8' },
          {
            label: 'Estimated at completion',
            value: t.estimatedCostAtCompletion,
            color: t.projectedOverUnder.gt(0) ? '#d92d20' : '#12b76a',
          },
        ]}
      />
      <h2>Cost code × cost type</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Cost code</th>
              <th>Type</th>
              <th class="num">Revised budget</th>
              <th class="num">Pending changes</th>
              <th class="num">Committed</th>
              <th class="num">Job-to-date (PM)</th>
              <th class="num">ERP posted</th>
              <th class="num">Variance</th>
              <th class="num">EAC</th>
              <th class="num">Over/(under)</th>
            </tr>
          </thead>
          <tbody>
            {r.lines.map((l) => (
              <tr class={l.overrun ? 'overrun' : ''}>
                <td>{l.costCode}</td>
                <td>{l.costType}</td>
                <Money value={l.revisedBudget} />
                <Money value={l.pendingChanges} />
                <Money value={l.committedCost} />
                <Money value={l.jobToDateCost} />
                <Money value={l.erpPostedCost} />
                <Money value={l.variance} />
                <Money value={l.estimatedCostAtCompletion} />
                <Money value={l.projectedOverUnder} />
              </tr>
            ))}
            <tr class="total">
              <td colspan={2}>Total</td>
              <Money value={t.revisedBudget} href={lines('revised_budget')} />
              <Money value={t.pendingChanges} href={lines('pending_changes')} />
              <Money value={t.committedCost} href={lines('committed_cost')} />
              <Money value={t.jobToDateCost} href={lines('job_to_date_cost')} />
              <Money value={t.erpPostedCost} href={lines('erp_posted_cost')} />
              <Money value={t.variance} href={lines('variance')} />
              <Money value={t.estimatedCostAtCompletion} href={lines('estimated_cost_at_completion')} />
              <Money value={t.projectedOverUnder} href={lines('projected_over_under')} />
            </tr>
          </tbody>
        </table>
      </div>
      {r.notes.length ? (
        <ul class="muted">
          {r.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      ) : null}
      <h2>Findings on this job</h2>
      <FindingsTable c={c} companyId={company.id} findings={findings} />
    </Layout>,
  );
}
