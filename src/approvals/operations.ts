/**
 * The catalogue of writes a proposal may name: for each operation, the side and system it writes and the
 * zod schema of its exact payload (owned by the connector that performs it). A proposal for an operation
 * not listed here cannot be created. A new writer (QuickBooks Desktop next) adds its operations here.
 */
import { z } from 'zod';
import { PROCORE_WRITE_OPERATIONS } from '../../connectors/procore/write-payloads.ts';

export interface WriteOperation {
  side: 'pm' | 'erp';
  system: string;
  payload: z.ZodType;
  /** How a person reads it in lists and emails. */
  label: string;
}

/** connectors/procore/write.ts: set origin_id on a vendor or project by id. */
const procoreLinkById = z
  .object({ id: z.string().regex(/^\d+$/, 'a Procore id is digits'), originId: z.string().min(1).max(255) })
  .strict();

export const WRITE_OPERATIONS: Record<string, WriteOperation> = {
  link_vendor: {
    side: 'pm',
    system: 'procore',
    payload: procoreLinkById,
    label: 'link a Procore vendor to its ERP vendor (origin_id)',
  },
  link_project: {
    side: 'pm',
    system: 'procore',
    payload: procoreLinkById,
    label: 'link a Procore project to its ERP job (origin_id)',
  },
  'procore.link': {
    side: 'pm',
    system: 'procore',
    payload: PROCORE_WRITE_OPERATIONS['procore.link'],
    label: 'link a Procore record to its ERP record (origin_id)',
  },
  'procore.direct_cost.create': {
    side: 'pm',
    system: 'procore',
    payload: PROCORE_WRITE_OPERATIONS['procore.direct_cost.create'],
    label: 'push ERP job cost to Procore as a direct cost',
  },
};
