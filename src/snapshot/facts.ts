/** Writes what a snapshot says about itself: info, sources, provenance, quarantine, mappings, settings. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompanyConfig } from '../config/schema.ts';
import { TIEOUT_VERSION } from '../version.ts';
import type { SideResult } from './take.ts';

export async function writeSnapshotFacts(
  con: DuckDBConnection,
  input: { company: CompanyConfig; runId: string; takenAt: Date; sides: SideResult[] },
): Promise<void> {
  const { company, sides } = input;
  const info: Record<string, string> = {
    company_id: company.id,
    company_name: company.name,
    run_id: input.runId,
    taken_at: input.takenAt.toISOString(),
    tieout_version: TIEOUT_VERSION,
    timezone: company.timezone,
    fiscal_year_start_month: String(company.settings.fiscalYearStartMonth),
    estimate_source: company.settings.estimateSource,
  };
  await con.run('BEGIN');
  try {
    for (const [key, value] of Object.entries(info)) {
      await con.run('INSERT INTO snapshot_info VALUES ($key, $value)', { key, value });
    }
    for (const s of sides) {
      await con.run(
        `INSERT INTO sources VALUES ($side, $system, $version, $location, $started::TIMESTAMPTZ,
           $finished::TIMESTAMPTZ, $stats::JSON, $asOf::TIMESTAMPTZ, $basis, $detail, $missing::JSON,
           $notExported::JSON)`,
        {
          side: s.side,
          system: s.system,
          version: s.connectorVersion,
          location: s.location,
          started: s.startedAt.toISOString(),
          finished: s.finishedAt.toISOString(),
          stats: JSON.stringify(s.stats),
          asOf: s.dataAsOf.at.toISOString(),
          basis: s.dataAsOf.basis,
          detail: s.dataAsOf.detail,
          missing: JSON.stringify(s.tablesMissing),
          notExported: JSON.stringify(s.tablesNotExported),
        },
      );
      for (const t of s.tables) {
        await con.run(
          `INSERT INTO provenance VALUES ($side, $table, $system, $version, $read, $loaded, $quarantined,
             $started::TIMESTAMPTZ, $finished::TIMESTAMPTZ)`,
          {
            side: s.side,
            table: t.table,
            system: s.system,
            version: s.connectorVersion,
            read: t.rowsRead,
            loaded: t.rowsLoaded,
            quarantined: t.invalid.length + t.invalidNotKept,
            started: t.startedAt.toISOString(),
            finished: t.finishedAt.toISOString(),
          },
        );
        for (const q of t.invalid) {
          await con.run('INSERT INTO quarantine VALUES ($side, $table, $ref, $reason, $raw::JSON)', {
            side: s.side,
            table: t.table,
            ref: q.sourceRef,
            reason: q.reason,
            raw: q.raw === undefined ? null : JSON.stringify(q.raw),
          });
        }
      }
    }
    const { mappings } = company.settings;
    for (const m of mappings.jobs) await con.run('INSERT INTO map_jobs VALUES ($pm, $erp)', m);
    for (const m of mappings.vendors) await con.run('INSERT INTO map_vendors VALUES ($pm, $erp)', m);
    for (const m of mappings.costCodes) {
      await con.run('INSERT INTO map_cost_codes VALUES ($pmCode, $pmType, $erpCode, $erpType)', {
        pmCode: m.pmCode,
        pmType: m.pmType ?? null,
        erpCode: m.erpCode,
        erpType: m.erpType ?? null,
      });
    }
    for (const [key, value] of Object.entries(company.settings)) {
      if (key === 'mappings') continue;
      await con.run('INSERT INTO settings VALUES ($key, $value::JSON)', {
        key,
        value: JSON.stringify(value),
      });
    }
    await con.run('COMMIT');
  } catch (e) {
    await con.run('ROLLBACK');
    throw e;
  }
}
