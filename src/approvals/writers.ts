/**
 * The production source of writers: the company's configured connector for the side a proposal targets.
 * A connector that cannot write (files, Sage 100 Contractor today) is refused with what to do instead.
 */
import type { Runtime } from '../runtime.ts';
import { createConnector } from '../snapshot/sources.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { ApprovalError } from './errors.ts';
import { executeApproved, type ProposalWriter } from './executor.ts';

export function connectorWriters(runtime: Runtime) {
  return async (companyId: string, side: 'pm' | 'erp', system: string): Promise<ProposalWriter> => {
    const company = runtime.company(companyId);
    const connector = await createConnector(company[side], {
      baseDir: runtime.config.baseDir,
      dataDir: runtime.config.dataDir,
      companyId,
      log: runtime.log,
    });
    const described = connector.describe();
    if (!connector.write || !described.canWrite || described.system !== system) {
      await connector.close?.();
      throw new ApprovalError(
        'no_writer',
        `the ${side} connector of ${companyId} (${described.system}) cannot perform ${system} writes; configure a ${system} connector for that side or reject the proposal`,
      );
    }
    const write = connector.write.bind(connector);
    return { write, close: () => connector.close?.() ?? Promise.resolve() };
  };
}

/**
 * The scheduler's executor job: every company's approved proposals, as tieout. At start-up (`resume`) it also
 * takes up proposals a dead process left executing (the writer checks the target before writing again).
 */
export async function executeAllApproved(
  runtime: Runtime,
  options: { resume?: boolean } = {},
): Promise<void> {
  for (const company of runtime.config.companies) {
    const outcomes = await executeApproved({
      ctx: { actor: SYSTEM_ACTOR, store: runtime.store },
      input: { companyId: company.id, resume: options.resume },
      deps: { writerFor: connectorWriters(runtime), log: runtime.log },
    });
    if (outcomes.length > 0)
      runtime.log.info(
        {
          company: company.id,
          executed: outcomes.filter((o) => o.status === 'executed').length,
          failed: outcomes.filter((o) => o.status === 'failed').length,
        },
        'approved writes executed',
      );
  }
}
