/**
 * source.stale: when a side is missing from a snapshot, failed, or its data is older than the company's
 * schedule allows (measured from the data's own "as of", see SideStatus.dataAsOf), nothing can be compared honestly, so this is the company's only finding for the snapshot — never
 * thousands of false mismatches.
 */
import type { SideStatus } from './index.ts';
import { systemName } from './messages.ts';
import type { Finding } from './types.ts';

export interface StaleInput {
  companyId: string;
  snapshotId: string;
  takenAt: string;
  staleAfterHours: number;
  sides: SideStatus[];
}

export function staleFindings(input: StaleInput): Finding[] {
  const findings: Finding[] = [];
  const takenMs = Date.parse(input.takenAt);
  for (const side of ['pm', 'erp'] as const) {
    const status = input.sides.find((s) => s.side === side);
    const label = side === 'pm' ? 'project-management' : 'accounting (ERP)';
    let reason: string | null = null;
    let detail: Record<string, unknown> = {};
    if (!status) {
      reason = `The ${label} side is missing from the snapshot taken ${input.takenAt}`;
    } else if (status.failed) {
      reason = `Reading ${systemName(side, status.system)} failed: ${status.failed}`;
      detail = { system: status.system, error: status.failed };
    } else if (status.dataAsOf || status.finishedAt) {
      // The data's age, not the read's: a folder exported three days ago and read a minute ago is three days old.
      const asOf = (status.dataAsOf ?? status.finishedAt) as string;
      const ageHours = (takenMs - Date.parse(asOf)) / 3_600_000;
      if (ageHours > input.staleAfterHours) {
        const how = status.dataAsOfDetail ? ` (${status.dataAsOfDetail})` : '';
        reason = `${systemName(side, status.system)} data is from ${asOf}${how}, ${Math.floor(ageHours)} hours before the snapshot (the company allows ${input.staleAfterHours})`;
        detail = {
          system: status.system,
          dataAsOf: asOf,
          dataAsOfDetail: status.dataAsOfDetail ?? null,
          finishedAt: status.finishedAt,
          ageHours: Math.floor(ageHours),
        };
      }
    }
    if (reason === null) continue;
    findings.push(staleFinding(input, side, reason, detail));
  }
  return findings;
}

/** The finding for a run that failed before any snapshot was published (called by the run recorder). */
export function staleFindingForFailedRun(input: {
  companyId: string;
  runId: string;
  at: string;
  side: 'pm' | 'erp' | null;
  system?: string | null;
  error: string;
}): Finding {
  const side = input.side ?? 'erp';
  const who = input.side ? systemName(side, input.system ?? null) : 'A source';
  return staleFinding(
    { companyId: input.companyId, snapshotId: `run:${input.runId}`, takenAt: input.at },
    input.side,
    `${who} could not be read (${input.error}); the previous snapshot stays current`,
    { runId: input.runId, error: input.error, system: input.system ?? null },
  );
}

function staleFinding(
  ctx: { companyId: string; snapshotId: string; takenAt: string },
  side: 'pm' | 'erp' | null,
  reason: string,
  facts: Record<string, unknown>,
): Finding {
  return {
    key: `source.stale|${side ?? 'any'}`,
    check: 'source.stale',
    severity: 'critical',
    companyId: ctx.companyId,
    snapshotId: ctx.snapshotId,
    takenAt: ctx.takenAt,
    jobNumber: null,
    pmJobId: null,
    erpJobId: null,
    pmJobName: null,
    erpJobName: null,
    costCode: null,
    costType: null,
    document: null,
    vendor: null,
    pmAmount: null,
    erpAmount: null,
    difference: null,
    tolerance: null,
    message: `${reason}. No other differences are reported until both sides are current: fix the connection and take a new snapshot.`,
    documents: { pm: [], erp: [] },
    facts: { side, ...facts },
  };
}
