/**
 * The overview: per company the last run and how fresh the snapshot is, findings by check with their drift
 * (new, worsened), and the jobs at risk (a forecast loss, or under-billing above 5 % of the contract).
 */

import type { Context } from 'hono';
import { Dec } from '../../connectors/canonical/money.ts';
import type { ApiEnv } from '../api/context.ts';
import { todayUtc } from '../api/reports.handlers.ts';
import { principal, visibleCompanies } from '../api/scope.ts';
import type { SnapshotCache } from '../api/snapshots.ts';
import type { CompanyConfig } from '../config/schema.ts';
import { can, readsAssignedJobsOnly } from '../roles.ts';
import { listFindings } from '../store/findings.ts';
import { currentSnapshot, lastRun } from '../store/runs.ts';
import { assignedJobs } from '../store/users.ts';
import { Layout, Money } from './layout.tsx';

const UNDER_BILLING_SHARE = new Dec('0.05');

interface Risk {
  jobNumber: string;
  jobName: string;
  reason: string;
  estimatedGrossProfit: Dec | null;
  underBilling: Dec;
}

async function jobsAtRisk(
  c: Context<ApiEnv>,
  cache: SnapshotCache,
  company: CompanyConfig,
): Promise<Risk[] | null> {
  if (!can(principal(c).user.role, 'company.books.read')) return null;
  try {
    const { schedule } = await cache.wip(company, todayUtc());
    return schedule.jobs
      .map((j) => {
        const reasons: string[] = [];
        if (j.estimatedGrossProfit?.lt(0)) reasons.push('forecast loss');
        if (j.underBilling.gt(j.contractAmount.times(UNDER_BILLING_SHARE)) && j.underBilling.gt(0)) {
          reasons.push('under-billed');
        }
        return {
          jobNumber: j.jobNumber,
          jobName: j.jobName,
          reason: reasons.join(', '),
          estimatedGrossProfit: j.estimatedGrossProfit,
          underBilling: j.underBilling,
        };
      })
      .filter((r) => r.reason !== '');
  } catch {
    return null; // no snapshot yet: the run status above says why
  }
}

function CompanySection(props: { c: Context<ApiEnv>; company: CompanyConfig; risks: Risk[] | null }) {
  const { c, company, risks } = props;
  const db = c.get('runtime').store.db;
  const run = lastRun(db, company.id);
  const snap = currentSnapshot(db, company.id);
  const ageHours = snap ? (Date.now() - Date.parse(snap.takenAt)) / 3600_000 : null;
  const stale = ageHours === null || ageHours > company.settings.staleAfterHours;
  const user = principal(c).user;
  const mine = readsAssignedJobsOnly(user.role) ? assignedJobs(db, user.id, company.id) : null;
  const findings = listFindings(db, { companyId: company.id }).filter(
    (l) => mine === null || (l.finding.jobNumber !== null && mine.has(l.finding.jobNumber)),
  );
  const byCheck = new Map<string, { total: number; new: number; worsened: number }>();
  for (const l of findings) {
    const row = byCheck.get(l.finding.check) ?? { total: 0, new: 0, worsened: 0 };
    row.total++;
    if (l.drift === 'new') row.new++;
    if (l.drift === 'worsened') row.worsened++;
    byCheck.set(l.finding.check, row);
  }
  const base = `/companies/${encodeURIComponent(company.id)}`;
  return (
    <section>
      <h2>{company.name}</h2>
      <div class="cards">
        <div class="card">
          <div class="label">Last run</div>
          <div class="value">
            {run ? <span class={`badge ${run.status}`}>{run.status}</span> : 'none yet'}{' '}
            {run?.finishedAt?.slice(0, 16).replace('T', ' ') ?? ''}
          </div>
          {run?.error ? <div class="muted">{run.error}</div> : null}
        </div>
        <div class="card">
          <div class="label">Snapshot</div>
          <div class="value">
            {snap ? `${snap.takenAt.slice(0, 16).replace('T', ' ')} UTC` : 'none'}{' '}
            <span class={`badge ${stale ? 'stale' : 'ok'}`}>{stale ? 'stale' : 'fresh'}</span>
          </div>
        </div>
        <div class="card">
          <div class="label">Findings needing attention</div>
          <div class="value">
            <a href={`${base}/findings`}>{findings.length}</a>
          </div>
        </div>
        <div class="card">
          <div class="label">Pages</div>
          <div class="value">
            <a href={`${base}/jobs`}>Jobs</a>
            {can(user.role, 'company.books.read') ? (
              <>
                {' · '}
                <a href={`${base}/wip`}>WIP</a>
                {' · '}
                <a href={`${base}/bonding`}>Bonding</a>
              </>
            ) : null}
          </div>
        </div>
      </div>
      <h2>Findings by check</h2>
      <table>
        <thead>
          <tr>
            <th>Check</th>
            <th class="num">Open</th>
            <th class="num">New</th>
            <th class="num">Worsened</th>
          </tr>
        </thead>
        <tbody>
          {[...byCheck.entries()].sort().map(([check, n]) => (
            <tr>
              <td>
                <a href={`${base}/findings?check=${encodeURIComponent(check)}`}>{check}</a>
              </td>
              <td class="num">{n.total}</td>
              <td class="num">{n.new ? <span class="badge new">{n.new}</span> : 0}</td>
              <td class="num">{n.worsened ? <span class="badge worsened">{n.worsened}</span> : 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {risks ? (
        <>
          <h2>Jobs at risk</h2>
          <table>
            <thead>
              <tr>
                <th>Job</th>
                <th>Why</th>
                <th class="num">Estimated gross profit</th>
                <th class="num">Under-billing</th>
              </tr>
            </thead>
            <tbody>
              {risks.map((r) => (
                <tr>
                  <td>
                    <a href={`${base}/jobs/${encodeURIComponent(r.jobNumber)}`}>
                      {r.jobNumber} {r.jobName}
                    </a>
                  </td>
                  <td>{r.reason}</td>
                  <Money value={r.estimatedGrossProfit} />
                  <Money value={r.underBilling} />
                </tr>
              ))}
              {risks.length === 0 ? (
                <tr>
                  <td colspan={4} class="muted">
                    No job forecasts a loss or is under-billed beyond 5 % of its contract.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

export async function overviewPage(c: Context<ApiEnv>, cache: SnapshotCache) {
  const companies = visibleCompanies(c);
  const risks = await Promise.all(companies.map((co) => jobsAtRisk(c, cache, co)));
  return c.html(
    <Layout title="Overview" principal={principal(c)}>
      <h1>Overview</h1>
      {companies.map((company, i) => (
        <CompanySection c={c} company={company} risks={risks[i] ?? null} />
      ))}
    </Layout>,
  );
}
