/**
 * The catalogue of writes a proposal may name: for each operation, the side and system it writes and the
 * zod schema of its exact payload (owned by the connector that performs it). A proposal for an operation
 * not listed here cannot be created. A new writer adds its operations here.
 */
import type { z } from 'zod';
import { PROCORE_WRITE_OPERATIONS } from '../../connectors/procore/write-payloads.ts';
import { QBD_WRITE_OPERATIONS } from '../../connectors/qbd/write/payloads.ts';

export interface WriteOperation {
  side: 'pm' | 'erp';
  system: string;
  payload: z.ZodType;
  /** How a person reads it in lists and emails. */
  label: string;
}

export const WRITE_OPERATIONS: Record<string, WriteOperation> = {
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
  'procore.cost_code.create': {
    side: 'pm',
    system: 'procore',
    payload: PROCORE_WRITE_OPERATIONS['procore.cost_code.create'],
    label: 'add a cost code the books use to a Procore project',
  },
  // QuickBooks Desktop: made at the next Web Connector session (the executor is told `queued` until then).
  'qbd.bill.add': {
    side: 'erp',
    system: 'qbd',
    payload: QBD_WRITE_OPERATIONS['qbd.bill.add'],
    label: 'enter an approved subcontractor invoice in QuickBooks as a bill (retainage line, PO link)',
  },
  'qbd.purchase_order.add': {
    side: 'erp',
    system: 'qbd',
    payload: QBD_WRITE_OPERATIONS['qbd.purchase_order.add'],
    label: 'enter a commitment in QuickBooks as a purchase order',
  },
  'qbd.estimate.revise': {
    side: 'erp',
    system: 'qbd',
    payload: QBD_WRITE_OPERATIONS['qbd.estimate.revise'],
    label: "revise a job's active estimate in QuickBooks with an approved change order (change lines added)",
  },
  'qbd.vendor.add': {
    side: 'erp',
    system: 'qbd',
    payload: QBD_WRITE_OPERATIONS['qbd.vendor.add'],
    label: 'add a vendor to QuickBooks',
  },
  'qbd.job.add': {
    side: 'erp',
    system: 'qbd',
    payload: QBD_WRITE_OPERATIONS['qbd.job.add'],
    label: 'add a Customer:Job to QuickBooks',
  },
};
