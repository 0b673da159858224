/**
 * One crash trial: three approved direct-cost proposals, the executor in a child process SIGKILLed after a
 * random delay, then the executor run again to completion. Returns what the sandbox and the store show.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { SYSTEM_ACTOR } from '../../src/approvals/actor.ts';
import { decide } from '../../src/approvals/decide.ts';
import { executeApproved } from '../../src/approvals/executor.ts';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { getProposal } from '../../src/store/approvals.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import { openStore } from '../../src/store/db.ts';
import { ANN_APPROVER, as, directCostInput, PM_PAT, quietLog, sandboxWriter, testStore } from './support.ts';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-child.ts');

export interface TrialResult {
  killedAfterMs: number;
  childFinished: boolean;
  /** Statuses when the child died: approved (not reached), executing (cut mid-write), executed. */
  atKill: string[];
  /** Proposals whose write had landed in Procore when the child died, but was not recorded. */
  landedUnrecorded: number;
  statuses: string[];
  /** Per proposal: direct-cost headers and lines created in Procore under its key. */
  headersCreated: number[];
  linesCreated: number[];
  auditOk: boolean;
}

export async function crashTrial(
  sandbox: ProcoreSandbox,
  trial: number,
  maxDelayMs: number,
): Promise<TrialResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tieout-crash-'));
  try {
    const store = testStore(dir);
    const ids = [0, 1, 2].map((i) => {
      const { proposal } = proposeWrite({
        ctx: as(PM_PAT, store),
        input: directCostInput(sandbox, `${trial}.${String(10 + i)}`),
      });
      return decide({
        ctx: as(ANN_APPROVER, store),
        input: { proposalId: proposal.id, decision: 'approve' },
      });
    });
    store.close();

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CHILD,
        dir,
        sandbox.url,
        sandbox.companyId,
        sandbox.client.clientId,
        sandbox.client.clientSecret,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) resolve();
      });
      child.once('exit', () => resolve());
    });
    const killedAfterMs = Math.floor(Math.random() * maxDelayMs);
    await new Promise((r) => setTimeout(r, killedAfterMs));
    child.kill('SIGKILL');
    await exited;

    const after = openStore(dir);
    try {
      const atKill = ids.map((p) => getProposal(after.db, p.id)!.status);
      const landedBefore = new Set(
        sandbox.writes.filter((w) => w.action === 'created').map((w) => w.originId),
      );
      const landedUnrecorded = ids.filter(
        (p, i) => atKill[i] === 'executing' && landedBefore.has(p.idempotencyKey),
      ).length;
      await executeApproved({
        ctx: { actor: SYSTEM_ACTOR, store: after },
        // the restart after the kill: start-up recovery takes up what the dead process left executing
        input: { companyId: 'acme', resume: true },
        deps: { writerFor: async () => sandboxWriter(sandbox), log: quietLog, baseDelayMs: 1 },
      });
      const created = sandbox.writes.filter((w) => w.action === 'created');
      return {
        killedAfterMs,
        childFinished: out.includes('done'),
        atKill,
        landedUnrecorded,
        statuses: ids.map((p) => getProposal(after.db, p.id)!.status),
        headersCreated: ids.map((p) => created.filter((w) => w.originId === p.idempotencyKey).length),
        linesCreated: ids.map(
          (p) => created.filter((w) => w.originId?.startsWith(`${p.idempotencyKey}:`)).length,
        ),
        auditOk: verifyAudit(after.db).ok,
      };
    } finally {
      after.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
