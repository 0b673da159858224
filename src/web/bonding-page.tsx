/** The bonding page: capacity, working capital, the 10 % test, red flags, backlog by job and the trends. */

import type { Context } from 'hono';
import type { BondingReport } from '../../reports/bonding/bonding.ts';
import type { ApiEnv } from '../api/context.ts';
import { todayUtc } from '../api/reports.handlers.ts';
import { companyFor, principal } from '../api/scope.ts';
import { computeBonding } from '../reports/bonding.ts';
import { percent } from './format.ts';
import { Layout, Money, MoneyValue } from './layout.tsx';

function Capacity(props: { r: BondingReport }) {
  const { workingCapital: wc, capacity: cap, tenPercentTest: t } = props.r;
  const yes = (v: boolean | null | undefined) =>
    v === null || v === undefined ? 'n/a' : v ? 'passes' : 'fails';
  return (
    <div class="cards" id="capacity">
      <div class="card">
        <div class="label">Working capital</div>
        <MoneyValue value={wc?.workingCapital ?? null} />
      </div>
      <div class="card">
        <div class="label">Equity</div>
        <MoneyValue value={wc?.equity ?? null} />
      </div>
      <div class="card">
        <div class="label">Single-job limit</div>
        <MoneyValue value={cap?.singleJobLimit ?? null} />
      </div>
      <div class="card">
        <div class="label">Aggregate limit</div>
        <MoneyValue value={cap?.aggregateLimit ?? null} />
      </div>
      <div class="card">
        <div class="label">Available ({props.r.settings.workOnHand.replaceAll('_', ' ')})</div>
        <MoneyValue value={cap?.available ?? null} />
      </div>
      <div class="card">
        <div class="label">10 % test</div>
        <div class="value" id="ten-percent">
          working capital {yes(t?.workingCapitalPasses)} · equity {yes(t?.equityPasses)}
        </div>
      </div>
    </div>
  );
}

export async function bondingPage(c: Context<ApiEnv>) {
  const company = companyFor(c, c.req.param('companyId')!);
  const asked = c.req.query('asOf') ?? '';
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : todayUtc();
  const { report: r, run } = await computeBonding(c.get('runtime'), company, { asOf });
  const api = `/api/companies/${encodeURIComponent(company.id)}/reports/bonding?asOf=${asOf}`;
  const wc = r.workingCapital;
  return c.html(
    <Layout title={`Bonding · ${company.name}`} principal={principal(c)}>
      <h1>Bonding capacity · {company.name}</h1>
      <form method="get" class="inline">
        <label for="asOf">As of</label>
        <input id="asOf" type="date" name="asOf" value={asOf} />
        <button type="submit">Show</button>
      </form>
      <p class="muted">
        Snapshot {run.snapshot.takenAt.slice(0, 16).replace('T', ' ')} UTC · single = working capital ×{' '}
        {r.settings.singleMultiplier}, aggregate = single × {r.settings.aggregateMultiplier} ·{' '}
        <span class="downloads">
          <a href={`${api}&format=pdf`}>PDF</a>
          <a href={`${api}&format=xlsx`}>XLSX</a>
          <a href={`${api}&format=csv`}>CSV</a>
          <a href={`${api}&format=json`}>JSON</a>
        </span>
      </p>
      {r.warnings.length ? (
        <ul class="error">
          {r.warnings.map((m) => (
            <li>{m}</li>
          ))}
        </ul>
      ) : null}
      <Capacity r={r} />
      <h2>Red flags</h2>
      {r.redFlags.length ? (
        <ul class="error" id="red-flags">
          {r.redFlags.map((f) => (
            <li data-code={f.code}>{f.reason}</li>
          ))}
        </ul>
      ) : (
        <p id="red-flags">None.</p>
      )}
      <h2>Working capital</h2>
      <table class="compact" id="working-capital">
        <tbody>
          {[...(wc?.assets ?? [])].map((l) => (
            <tr>
              <td>{l.label}</td>
              <Money value={l.amount} />
            </tr>
          ))}
          <tr class="total">
            <td>Current assets</td>
            <Money value={wc?.currentAssets ?? null} />
          </tr>
          {[...(wc?.liabilities ?? [])].map((l) => (
            <tr>
              <td>{l.label}</td>
              <Money value={l.amount} />
            </tr>
          ))}
          <tr class="total">
            <td>Current liabilities</td>
            <Money value={wc?.currentLiabilities ?? null} />
          </tr>
          <tr class="total">
            <td>Working capital</td>
            <Money value={wc?.workingCapital ?? null} />
          </tr>
        </tbody>
      </table>
      <h2>Backlog by job</h2>
      <div class="scroll">
        <table class="compact" id="backlog">
          <thead>
            <tr>
              <th>Job</th>
              <th class="num">Revised contract</th>
              <th class="num">% complete</th>
              <th class="num">Revenue to be earned</th>
              <th class="num">Cost to complete</th>
            </tr>
          </thead>
          <tbody>
            {r.backlog.jobs.map((j) => (
              <tr>
                <td>
                  {j.jobNumber} <span class="name">{j.jobName}</span>
                </td>
                <Money value={j.contractAmount} />
                <td class="num">{percent(j.percentComplete)}</td>
                <Money value={j.revenueToBeEarned} />
                <Money value={j.costToComplete} />
              </tr>
            ))}
            <tr class="total">
              <td>Total ({r.backlog.jobs.length} jobs)</td>
              <td />
              <td />
              <Money value={r.backlog.revenueToBeEarned} />
              <Money value={r.backlog.costToComplete} />
            </tr>
          </tbody>
        </table>
      </div>
      <h2>Trends over the closed periods</h2>
      <table class="compact" id="trends">
        <thead>
          <tr>
            <th>As of</th>
            <th class="num">Net over/(under)</th>
            <th class="num">Under billings</th>
            <th class="num">Est. gross profit</th>
            <th>Jobs past estimate</th>
            <th>Loss jobs</th>
            <th class="num">Working capital</th>
          </tr>
        </thead>
        <tbody>
          {r.trend.map((p) => (
            <tr>
              <td>
                {p.asOf}
                {p.kind === 'now' ? ' (now)' : ''}
              </td>
              <Money value={p.netOverUnder} />
              <Money value={p.contracts.underBillings} />
              <Money value={p.estimatedGrossProfit} />
              <td>{p.jobsPastEstimate.join(' ')}</td>
              <td>{p.lossJobs.join(' ')}</td>
              <Money value={p.workingCapital} />
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>,
  );
}
