/** Findings: filters, drill-down to the documents on both sides, acknowledge / ignore with a note. */

import type { Context } from 'hono';
import type { ApiEnv } from '../api/context.ts';
import { findFinding } from '../api/findings.handlers.ts';
import { todayUtc } from '../api/reports.handlers.ts';
import { companyFor, jobFilter, principal, verbCtx } from '../api/scope.ts';
import { acknowledgeFinding } from '../findings/acknowledge.ts';
import { ignoreFinding } from '../findings/ignore.ts';
import type { SourceDocument } from '../recon/types.ts';
import { can } from '../roles.ts';
import { type ListedFinding, listFindings } from '../store/findings.ts';
import { FINDING_STATUSES, type FindingStatus } from '../store/schema/findings.ts';
import { Csrf, Layout, Money } from './layout.tsx';
import { linesHref } from './lineage-page.tsx';

const findingUrl = (companyId: string, key: string) =>
  `/companies/${encodeURIComponent(companyId)}/findings/${encodeURIComponent(key)}`;

function canAct(c: Context<ApiEnv>, verb: 'acknowledge' | 'ignore'): boolean {
  return can(principal(c).user.role, verb === 'ignore' ? 'finding.ignore' : 'finding.acknowledge');
}

function ActionForm(props: {
  c: Context<ApiEnv>;
  companyId: string;
  finding: ListedFinding;
  verb: 'acknowledge' | 'ignore';
}) {
  const { c, companyId, finding, verb } = props;
  if (!canAct(c, verb) || finding.status === 'resolved') return null;
  return (
    <form method="post" action={`${findingUrl(companyId, finding.finding.key)}/${verb}`} class="inline">
      <Csrf principal={principal(c)} />
      <input
        name="note"
        placeholder={verb === 'ignore' ? 'reason' : 'note'}
        required
        aria-label={`${verb} note`}
      />
      <button type="submit" class={verb === 'ignore' ? 'secondary' : ''}>
        {verb === 'ignore' ? 'Ignore' : 'Acknowledge'}
      </button>
    </form>
  );
}

export function FindingsTable(props: { c: Context<ApiEnv>; companyId: string; findings: ListedFinding[] }) {
  const { c, companyId } = props;
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th>Severity</th>
            <th>Check</th>
            <th>Job</th>
            <th>What differs</th>
            <th class="num">PM</th>
            <th class="num">ERP</th>
            <th class="num">Difference</th>
            <th>Status</th>
            <th>Drift</th>
            <th>Action</th>
          </tr>
        </thead>
        <tbody>
          {props.findings.map((l) => (
            <tr>
              <td>
                <span class={`badge ${l.finding.severity}`}>{l.finding.severity}</span>
              </td>
              <td>{l.finding.check}</td>
              <td>{l.finding.jobNumber ?? ''}</td>
              <td style="white-space:normal;min-width:18rem">
                <a href={findingUrl(companyId, l.finding.key)}>{l.finding.message}</a>
              </td>
              <Money value={l.finding.pmAmount} />
              <Money value={l.finding.erpAmount} />
              <Money value={l.finding.difference} />
              <td>
                <span class={`badge ${l.status}`}>{l.status}</span>
              </td>
              <td>
                <span class={`badge ${l.drift}`}>{l.drift}</span>
              </td>
              <td>
                <ActionForm c={c} companyId={companyId} finding={l} verb="acknowledge" />
              </td>
            </tr>
          ))}
          {props.findings.length === 0 ? (
            <tr>
              <td colspan={10} class="muted">
                Nothing to look at: both sides agree here.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

export function findingsPage(c: Context<ApiEnv>) {
  const company = companyFor(c, c.req.param('companyId')!);
  const check = c.req.query('check') || undefined;
  const status = c.req.query('status');
  const statuses = FINDING_STATUSES.includes(status as FindingStatus) ? [status as FindingStatus] : undefined;
  const jobs = jobFilter(c, company.id);
  const all = listFindings(c.get('runtime').store.db, { companyId: company.id, statuses });
  const visible = all.filter(
    (l) => jobs === null || (l.finding.jobNumber !== null && jobs.has(l.finding.jobNumber)),
  );
  const shown = visible.filter((l) => check === undefined || l.finding.check === check);
  const checks = [...new Set(visible.map((l) => l.finding.check))].sort();
  return c.html(
    <Layout title={`Findings · ${company.name}`} principal={principal(c)}>
      <h1>Findings · {company.name}</h1>
      <form method="get" class="inline">
        <select name="check" aria-label="check">
          <option value="">every check</option>
          {checks.map((k) => (
            <option value={k} selected={k === check}>
              {k}
            </option>
          ))}
        </select>
        <select name="status" aria-label="status">
          <option value="">needing attention</option>
          {FINDING_STATUSES.map((s) => (
            <option value={s} selected={s === status}>
              {s}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </form>
      <p class="muted">{shown.length} findings</p>
      <FindingsTable c={c} companyId={company.id} findings={shown} />
    </Layout>,
  );
}

function Documents(props: { title: string; docs: SourceDocument[] }) {
  const keys = [...new Set(props.docs.flatMap((d) => Object.keys(d)))].filter((k) => k !== 'system');
  return (
    <>
      <h2>{props.title}</h2>
      {props.docs.length === 0 ? (
        <p class="muted">No document on this side.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                {keys.map((k) => (
                  <th class={k === 'amount' ? 'num' : ''}>{k}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.docs.map((d) => (
                <tr>
                  {keys.map((k) => (k === 'amount' ? <Money value={d[k] ?? null} /> : <td>{d[k] ?? ''}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function findingPage(c: Context<ApiEnv>) {
  const company = companyFor(c, c.req.param('companyId')!);
  const l = findFinding(c, company.id, c.req.param('key')!);
  const f = l.finding;
  return c.html(
    <Layout title="Finding" principal={principal(c)}>
      <h1>{f.check}</h1>
      <p>{f.message}</p>
      <p class="muted">
        <span class={`badge ${l.status}`}>{l.status}</span> <span class={`badge ${l.drift}`}>{l.drift}</span>{' '}
        · first seen {l.firstSeenAt.slice(0, 10)}
        {l.note ? ` · ${l.actedBy}: “${l.note}”` : ''}
      </p>
      <ActionForm c={c} companyId={company.id} finding={l} verb="acknowledge" />{' '}
      <ActionForm c={c} companyId={company.id} finding={l} verb="ignore" />
      {f.jobNumber ? (
        <p class="lineage">
          Job {f.jobNumber}'s figures, document by document:{' '}
          {(
            [
              ['job_to_date_cost', 'PM job-to-date cost'],
              ['erp_posted_cost', 'ERP posted cost'],
              ['variance', 'variance'],
              ['revised_budget', 'revised budget'],
              ['committed_cost', 'committed cost'],
            ] as const
          ).map(([column, label], i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={linesHref('job_cost', company.id, f.jobNumber!, column, todayUtc())}>{label}</a>
            </>
          ))}
        </p>
      ) : null}
      <Documents title="Procore (PM) documents" docs={f.documents.pm} />
      <Documents title="Books (ERP) documents" docs={f.documents.erp} />
    </Layout>,
  );
}

export async function findingActionPage(c: Context<ApiEnv>, verb: 'acknowledge' | 'ignore') {
  const company = companyFor(c, c.req.param('companyId')!);
  const key = c.req.param('key')!;
  findFinding(c, company.id, key);
  const form = await c.req.parseBody();
  const note = typeof form.note === 'string' ? form.note : '';
  const act = verb === 'ignore' ? ignoreFinding : acknowledgeFinding;
  act({ ctx: verbCtx(c), input: { companyId: company.id, key, note } });
  return c.redirect(findingUrl(company.id, key), 303);
}
