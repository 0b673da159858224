/**
 * On the demo company, every figure with a drill-down sums back: for every job on the WIP (open and
 * completed) and every summed WIP column, and every summed column of every job's cost report, the documents
 * the drill-down lists total the report's figure to the cent. The report is one computation (the WIP
 * schedule in TypeScript over wip-inputs.sql; the job cost report's SQL lines), the drill-down another (row
 * by row with each document joined back), so the two hold each other.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../connectors/canonical/money.ts';
import { buildJobCostReport } from '../../reports/job-cost/job-cost.ts';
import { JOB_COST_LINEAGE, WIP_LINEAGE_KEYS, wipLineageColumn } from '../../reports/lineage/columns.ts';
import { jobCostLineageRows, type LineageDocument, wipLineageRows } from '../../reports/lineage/lineage.ts';
import { WIP_COLUMNS } from '../../reports/wip/columns.ts';
import { DEMO_COMPANY_ID, DEMO_COMPANY_NAME, generateDemo } from '../../src/demo/index.ts';
import { silentLogger } from '../../src/log.ts';
import { computeWip, withSnapshot } from '../../src/reports/wip-inputs.ts';
import { openRuntime } from '../../src/runtime.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import { tempDir } from '../support/tmp.ts';

const AS_OF = '2026-10-31';
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe('lineage on the demo company', { timeout: 600_000 }, () => {
  it('every summed figure of the WIP and of every job cost report equals its documents', async () => {
    const root = tempDir();
    await generateDemo({ outDir: root });
    const settings = JSON.parse(readFileSync(path.join(root, 'company.json'), 'utf8'));
    const config = path.join(root, 'tieout.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        companies: [
          {
            id: DEMO_COMPANY_ID,
            name: DEMO_COMPANY_NAME,
            pm: { type: 'files', dir: 'pm' },
            erp: { type: 'files', dir: 'erp' },
            settings: settings.settings ?? settings,
          },
        ],
      }),
    );
    const runtime = await openRuntime({
      configPath: config,
      command: 'test',
      writes: true,
      log: silentLogger,
      env: { TIEOUT_DATA_DIR: path.join(root, 'data') },
    });
    try {
      const company = runtime.config.companies[0]!;
      const outcome = await runSnapshotForCompany(runtime, company, 'test');
      expect(outcome.ok).toBe(true);
      const { schedule, snapshot } = await computeWip(runtime, company, { asOf: AS_OF });
      const lines = [...schedule.jobs, ...schedule.completedJobs];
      expect(lines.length).toBeGreaterThan(10);
      let checked = 0;
      let documents = 0;
      // One drill-down per WIP column for every job at once, one per job for every job cost measure at once
      // (the same queries as one figure's, without the job or column filter), then summed per figure.
      const sumBy = (docs: LineageDocument[], key: (d: LineageDocument) => string) => {
        const sums = new Map<string, Dec>();
        for (const d of docs)
          sums.set(key(d), (sums.get(key(d)) ?? new Dec(0)).plus(new Dec(d.amount).times(d.sign)));
        return sums;
      };
      await withSnapshot(runtime, snapshot, async (con) => {
        for (const key of WIP_LINEAGE_KEYS) {
          const byEac = new Map<string, typeof lines>();
          for (const l of lines) byEac.set(l.eacSource, [...(byEac.get(l.eacSource) ?? []), l]);
          for (const [eacSource, jobs] of byEac) {
            const column = wipLineageColumn(key, eacSource as (typeof lines)[number]['eacSource']);
            if (column?.kind !== 'rows') continue;
            const rows = await wipLineageRows(con, AS_OF, null, column);
            for (const d of rows.documents) expect(d.sourceRef ?? d.documentRef).toBeTruthy();
            const sums = sumBy(rows.documents, (d) => d.erpJobId);
            for (const line of jobs) {
              if (key === 'contract_amount' && line.override?.contractAmount) continue;
              const figure = WIP_COLUMNS.find((c) => c.key === key)!.value(line) as Dec;
              const total = sums.get(line.jobId) ?? new Dec(0);
              expect(total.toFixed(2), `${line.jobNumber} ${key}`).toBe(figure.toFixed(2));
              checked++;
            }
            documents += rows.documents.length;
          }
        }
        const measures = Object.fromEntries(
          Object.values(JOB_COST_LINEAGE)
            .flatMap((c) => (c.kind === 'rows' ? Object.keys(c.measures) : []))
            .map((m) => [m, 1 as const]),
        );
        for (const line of lines) {
          const report = await buildJobCostReport(con, {
            asOf: AS_OF,
            company: { id: company.id, name: company.name },
            jobNumber: line.jobNumber,
          });
          // The WIP's cost to date is the job cost report's ERP posted cost (DESIGN §4a).
          expect(report.totals.erpPostedCost.toFixed(2)).toBe(line.costToDate.toFixed(2));
          const rows = await jobCostLineageRows(
            con,
            AS_OF,
            { erpJobId: report.job.jobId, pmJobId: report.job.pmJobId },
            { kind: 'rows', measures },
          );
          const byMeasure = sumBy(rows.documents, (d) => d.measure);
          for (const [key, column] of Object.entries(JOB_COST_LINEAGE)) {
            if (column.kind !== 'rows') continue;
            const figure = report.totals[camel(key) as keyof typeof report.totals] as Dec;
            let total = new Dec(0);
            for (const [m, sign] of Object.entries(column.measures))
              total = total.plus((byMeasure.get(m) ?? new Dec(0)).times(sign));
            expect(total.toFixed(2), `${line.jobNumber} job cost ${key}`).toBe(figure.toFixed(2));
            checked++;
          }
          documents += rows.documents.length;
        }
      });
      expect(checked).toBeGreaterThan(lines.length * 15);
      expect(documents).toBeGreaterThan(1000);
      // Measured: 34 jobs, 680 figures.
      console.log(`lineage demo: ${lines.length} jobs, ${checked} figures, ${documents} documents`);
    } finally {
      runtime.close();
    }
  });
});
