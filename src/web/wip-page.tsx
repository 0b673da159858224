/** The WIP page: as-of picker, the schedule and totals, over/under billing chart, downloads, period close. */

import type { Context } from 'hono';
import { periodEnd, periodOf } from '../../reports/shared/period.ts';
import type { ApiEnv } from '../api/context.ts';
import { closeWipPeriod } from '../api/periods.handlers.ts';
import { todayUtc } from '../api/reports.handlers.ts';
import { companyFor, principal } from '../api/scope.ts';
import type { SnapshotCache } from '../api/snapshots.ts';
import { closedAuditHead } from '../periods/audit-head.ts';
import { can } from '../roles.ts';
import { activeClose } from '../store/wip.ts';
import { BarChart } from './chart.tsx';
import { percent } from './format.ts';
import { Csrf, Layout, Money } from './layout.tsx';
import { linesHref } from './lineage-page.tsx';

export async function wipPage(c: Context<ApiEnv>, cache: SnapshotCache) {
  const company = companyFor(c, c.req.param('companyId')!);
  const asked = c.req.query('asOf') ?? '';
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : todayUtc();
  const runtime = c.get('runtime');
  const renders = c.get('limits').renders;
  const { schedule: w, snapshot, closed } = await cache.wip(company, asOf, (fn) => renders.run(fn));
  const period = periodOf(asOf);
  const isPeriodEnd = asOf === periodEnd(period);
  const role = principal(c).user.role;
  const api = `/api/companies/${encodeURIComponent(company.id)}/reports`;
  const t = w.totals;
  const lines = (job: string, column: string) => linesHref('wip', company.id, job, column, asOf);
  return c.html(
    <Layout title={`WIP · ${company.name}`} principal={principal(c)}>
      <h1>Work in progress · {company.name}</h1>
      <form method="get" class="inline">
        <label for="asOf">As of</label>
        <input id="asOf" type="date" name="asOf" value={asOf} />
        <button type="submit">Show</button>
      </form>
      <p class="muted">
        Snapshot {snapshot.takenAt.slice(0, 16).replace('T', ' ')} UTC · estimates from{' '}
        {w.estimateSource.toUpperCase()}
        {closed
          ? ` · ${period} closed by ${closed.closedBy} on ${closed.closedAt.slice(0, 10)} (frozen; audit head ${closedAuditHead(closed) ?? 'none'})`
          : ''}{' '}
        ·{' '}
        <span class="downloads">
          <a href={`${api}/surety?asOf=${asOf}&format=pdf`}>PDF (surety)</a>
          <a href={`${api}/wip?asOf=${asOf}&format=xlsx`}>XLSX</a>
          <a href={`${api}/wip?asOf=${asOf}&format=csv`}>CSV</a>
          <a href={`/companies/${encodeURIComponent(company.id)}/bonding?asOf=${asOf}`}>Bonding capacity</a>
        </span>
      </p>
      {w.warnings.length ? (
        <ul class="error">
          {w.warnings.map((m) => (
            <li>{m}</li>
          ))}
        </ul>
      ) : null}
      <div class="scroll">
        <table class="compact">
          <thead>
            <tr>
              <th>Job</th>
              <th class="num">Contract</th>
              <th class="num">Est. total cost</th>
              <th class="num">Est. gross profit</th>
              <th class="num">Cost to date</th>
              <th class="num">% complete</th>
              <th class="num">Earned revenue</th>
              <th class="num">Billed to date</th>
              <th class="num">Over/(under) billing</th>
            </tr>
          </thead>
          <tbody>
            {w.jobs.map((j) => (
              <tr class={j.estimatedGrossProfit?.lt(0) ? 'overrun' : ''}>
                <td>
                  <a
                    href={`/companies/${encodeURIComponent(company.id)}/jobs/${encodeURIComponent(j.jobNumber)}`}
                  >
                    {j.jobNumber}
                  </a>{' '}
                  <span class="name">{j.jobName}</span>
                </td>
                <Money value={j.contractAmount} href={lines(j.jobNumber, 'contract_amount')} />
                <Money value={j.estimatedTotalCost} href={lines(j.jobNumber, 'estimated_total_cost')} />
                <Money value={j.estimatedGrossProfit} href={lines(j.jobNumber, 'estimated_gross_profit')} />
                <Money value={j.costToDate} href={lines(j.jobNumber, 'cost_to_date')} />
                <td class="num">
                  <a class="figure" href={lines(j.jobNumber, 'percent_complete')}>
                    {percent(j.percentComplete)}
                  </a>
                </td>
                <Money value={j.earnedRevenue} href={lines(j.jobNumber, 'earned_revenue')} />
                <Money value={j.billedToDate} href={lines(j.jobNumber, 'billed_to_date')} />
                <Money value={j.overUnderBilling} href={lines(j.jobNumber, 'over_under_billing')} />
              </tr>
            ))}
            <tr class="total">
              <td>Total ({w.jobs.length} jobs)</td>
              <Money value={t.contractAmount} />
              <Money value={t.estimatedTotalCost} />
              <Money value={t.estimatedGrossProfit} />
              <Money value={t.costToDate} />
              <td />
              <Money value={t.earnedRevenue} />
              <Money value={t.billedToDate} />
              <Money value={t.overUnderBilling} />
            </tr>
          </tbody>
        </table>
      </div>
      <h2>Over/(under) billing by job</h2>
      <BarChart
        title="Over and under billing by job"
        width={760}
        bars={w.jobs.map((j) => ({
          label: `${j.jobNumber} ${j.jobName}`.slice(0, 30),
          value: j.overUnderBilling,
          color: j.overUnderBilling.isNegative() ? '#d92d20' : '#1f5fa8',
        }))}
      />
      {isPeriodEnd &&
      !closed &&
      can(role, 'period.close') &&
      !activeClose(runtime.store.db, company.id, period) ? (
        <form method="post" action={`/companies/${encodeURIComponent(company.id)}/wip/close`} class="close">
          <Csrf principal={principal(c)} />
          <input type="hidden" name="period" value={period} />
          <button type="submit">Close {period}</button>
        </form>
      ) : null}
    </Layout>,
  );
}

export async function closeFromPage(c: Context<ApiEnv>) {
  const company = companyFor(c, c.req.param('companyId')!);
  const form = await c.req.parseBody();
  const period =
    typeof form.period === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(form.period) ? form.period : null;
  if (!period) return c.redirect(`/companies/${encodeURIComponent(company.id)}/wip`, 303);
  await closeWipPeriod(c, company.id, period);
  return c.redirect(`/companies/${encodeURIComponent(company.id)}/wip?asOf=${periodEnd(period)}`, 303);
}
