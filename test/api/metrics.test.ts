/**
 * GET /metrics: Prometheus text an operator's scraper reads. The figures read from the store agree with
 * what the store holds (the run history and the findings list, counted here by a second query); those
 * observed in process appear once the work happened. Admins and the configured scrape token only.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import { type Served, startTieout } from './support.ts';

const SCRAPE_TOKEN = 'scrape-0123456789abcdef0123456789abcdef';

/** The value of one sample line, `name{labels} value`, matched on its labels (any order). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (wanted) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  let t: Served;
  beforeAll(async () => {
    t = await startTieout({ TIEOUT_METRICS_TOKEN: SCRAPE_TOKEN });
  });
  afterAll(() => t.close());

  it('gives an admin the run, row, findings and latency figures, agreeing with the store', async () => {
    // One request first, so the latency histogram has a route to show.
    expect((await t.api('/api/companies')).status).toBe(200);
    const res = await t.api('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const company = t.runtime.config.companies[0]!.id;
    expect(sample(text, 'tieout_snapshot_runs_total', { company, status: 'succeeded' })).toBe(1);
    expect(
      sample(text, 'tieout_snapshot_last_run_seconds', { company, status: 'succeeded' }),
    ).toBeGreaterThan(0);

    // Rows per side and table: the snapshot's own provenance says how many were loaded.
    const snapshot = t.runtime.store.sqlite
      .prepare('SELECT path FROM snapshots WHERE company_id = ? ORDER BY taken_at DESC LIMIT 1')
      .get(company) as { path: string } | undefined;
    expect(snapshot).toBeDefined();
    const file = path.join(t.runtime.config.dataDir, snapshot!.path);
    const instance = await openDuckDb(file, { readOnly: true });
    const con = await instance.connect();
    const provenance = await queryRows<{ side: string; table_name: string; rows: string }>(
      con,
      'SELECT side, table_name, rows_loaded::VARCHAR AS rows FROM provenance',
    );
    con.closeSync();
    instance.closeSync();
    expect(provenance.length).toBeGreaterThan(0);
    for (const p of provenance) {
      expect(sample(text, 'tieout_snapshot_rows', { company, side: p.side, table: p.table_name })).toBe(
        Number(p.rows),
      );
    }

    // Findings by check: counted again straight from the store.
    const byCheck = t.runtime.store.sqlite
      .prepare(
        'SELECT check_id AS c, status AS s, count(*) AS n FROM findings WHERE company_id = ? GROUP BY 1, 2',
      )
      .all(company) as { c: string; s: string; n: number }[];
    expect(byCheck.length).toBeGreaterThan(0);
    for (const f of byCheck)
      expect(sample(text, 'tieout_findings', { company, check: f.c, status: f.s })).toBe(f.n);

    expect(sample(text, 'tieout_reconciliation_seconds_count', { company })).toBe(1);
    expect(
      sample(text, 'tieout_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/companies',
        status: '200',
      }),
    ).toBe(1);
  });

  it('lets the scraper in with the configured token, and times report renders', async () => {
    const job = t.pmJob;
    const company = t.runtime.config.companies[0]!.id;
    expect((await t.api(`/api/companies/${company}/jobs/${job}/job-cost?format=csv`)).status).toBe(200);
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(sample(text, 'tieout_report_render_seconds_count', { report: 'job-cost', format: 'csv' })).toBe(1);
  });

  it('refuses everyone else: sign-in without credentials or with a wrong token, 403 for other roles', async () => {
    const anonymous = await t.api('/metrics', { as: null });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fmetrics');
    // A token that is neither the scrape token nor a user's is no one: sent to sign in like the anonymous.
    const wrong = await fetch(`${t.url}/metrics`, {
      headers: { authorization: `Bearer ${SCRAPE_TOKEN}x` },
      redirect: 'manual',
    });
    expect(wrong.status).toBe(303);
    for (const role of ['viewer', 'pm', 'approver'] as const) {
      const res = await t.api('/metrics', { as: role });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('role cannot do this');
    }
  });
});
