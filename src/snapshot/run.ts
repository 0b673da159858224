/**
 * A company's snapshot run as the product does it (CLI, scheduler, API): take the snapshot, then run the
 * steps that follow a publish (reconciliation and alerts register here as they land).
 */

import type { ProgressEvent } from '../../connectors/contract.ts';
import { TieoutError } from '../../connectors/errors.ts';
import type { CompanyConfig } from '../config/schema.ts';
import type { Runtime } from '../runtime.ts';
import { retireOlder } from './handles.ts';
import { type PublishedSnapshot, type SnapshotOutcome, takeSnapshot } from './take.ts';

export type AfterPublishStep = (
  runtime: Runtime,
  company: CompanyConfig,
  published: PublishedSnapshot,
) => Promise<void>;
export type AfterFailureStep = (
  runtime: Runtime,
  company: CompanyConfig,
  outcome: Extract<SnapshotOutcome, { ok: false }>,
) => Promise<void>;

const afterPublishSteps: AfterPublishStep[] = [];
const afterFailureSteps: AfterFailureStep[] = [];

export function onSnapshotPublished(step: AfterPublishStep): void {
  afterPublishSteps.push(step);
}

export function onSnapshotFailed(step: AfterFailureStep): void {
  afterFailureSteps.push(step);
}

const inFlight = new Set<string>();

export class SnapshotAlreadyRunningError extends TieoutError {
  constructor(companyId: string) {
    super(
      'conflict',
      'snapshot_running',
      `a snapshot of ${companyId} is already running; wait for it to finish`,
    );
  }
}

export async function runSnapshotForCompany(
  runtime: Runtime,
  company: CompanyConfig,
  trigger: string,
  onProgress?: (event: ProgressEvent) => void,
): Promise<SnapshotOutcome> {
  if (inFlight.has(company.id)) throw new SnapshotAlreadyRunningError(company.id);
  inFlight.add(company.id);
  try {
    const outcome = await takeSnapshot({
      company,
      dataDir: runtime.config.dataDir,
      baseDir: runtime.config.baseDir,
      store: runtime.store,
      trigger,
      log: runtime.log,
      onProgress,
      afterPublish: async (published) => {
        // Readers of this process move to the new file; the older files' handles close once idle.
        retireOlder(company.id, published.absolutePath);
        for (const step of afterPublishSteps) await step(runtime, company, published);
      },
    });
    if (!outcome.ok) {
      for (const step of afterFailureSteps) {
        try {
          await step(runtime, company, outcome);
        } catch (e) {
          runtime.log.error({ err: e, company: company.id }, 'after-failure step failed');
        }
      }
    }
    return outcome;
  } finally {
    inFlight.delete(company.id);
  }
}
