/**
 * The production source of writers: the company's configured connector for the side a proposal targets.
 * A connector that cannot write (files, Sage 100 Contractor today) is refused with what to do instead.
 */
import type { Runtime } from '../runtime.ts';
import { createConnector } from '../snapshot/sources.ts';
import { ApprovalError } from './errors.ts';
import type { ProposalWriter } from './executor.ts';

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
