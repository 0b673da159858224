/**
 * The demo company as facts, before either system writes them down. A job is built once as JobFacts; the
 * PM and ERP sides each get a copy, a planted case edits one copy, and each copy is rendered into that
 * side's canonical rows. Amounts are integer cents (bigint). Codes are the PM's codes; the ERP rendering
 * rewrites them (Sage style, company map) where that job's ERP does.
 */
import type { Cents } from './cents.ts';

/** Ids of one record in both systems. */
export interface RecordIds {
  pm: string;
  erp: string;
}

export interface LineAmount {
  code: string;
  type: string;
  amount: Cents;
}

export interface BudgetLineFact {
  code: string;
  type: string;
  original: Cents;
}

export type DocStatus = 'approved' | 'pending' | 'rejected' | 'void';

export interface ChangeOrderFact {
  ids: RecordIds;
  number: string;
  kind: 'prime' | 'commitment' | 'budget';
  status: DocStatus;
  approvedDate: string | null;
  /** Revenue change (prime change orders). */
  contractAmount: Cents | null;
  lines: LineAmount[];
  /** Commitment change orders: the commitment number changed. */
  commitmentNumber?: string;
  description: string;
  /** Whether the record carries the other side's id. */
  linked: boolean;
  /** Whether this side's budget took the change (false = budget locked after export). */
  budgetApplied: boolean;
}

export interface CommitmentFact {
  ids: RecordIds;
  number: string;
  kind: 'subcontract' | 'purchase_order';
  vendor: number;
  status: 'approved' | 'complete';
  retainagePercent: string;
  executedDate: string;
  lines: LineAmount[];
  linked: boolean;
}

export interface InvoiceFact {
  ids: RecordIds;
  number: string;
  commitmentNumber: string;
  vendor: number;
  invoiceDate: string;
  periodEnd: string;
  /** PM status; the ERP posts approved invoices (paid once older than a month). */
  status: 'approved' | 'pending';
  paid: boolean;
  lines: LineAmount[];
  /** Retainage held on this invoice as a rate (percentage points) of its gross. */
  retainagePercent: string;
  retainageReleased: Cents;
  linked: boolean;
}

/** A cost the ERP books outside commitments: payroll, equipment, journal entries, supplier bills. */
export interface DirectCostFact {
  ids: RecordIds;
  date: string;
  code: string;
  type: string;
  amount: Cents;
  source: 'payroll' | 'equipment' | 'journal' | 'ap';
  status: 'posted' | 'void';
  vendor: number | null;
  /** For supplier bills (source ap): the ERP AP invoice this cost came from. */
  bill?: { ids: RecordIds; number: string };
  description: string;
  /** Whether the ERP → Procore direct-cost sync delivered it to the PM side. */
  syncedToPm: boolean;
}

export interface BillingFact {
  ids: RecordIds;
  number: string;
  periodEnd: string;
  billed: Cents;
  /** Retainage the owner holds on this billing. */
  retainage: Cents;
  /** Retainage the owner pays back on this billing (a release billing bills nothing else). */
  retainageReleased: Cents;
  status: 'approved' | 'paid';
}

export interface SyncItemFact {
  id: string;
  itemType: 'commitment' | 'change_order' | 'invoice' | 'budget' | 'vendor';
  recordId: string;
  itemNumber: string;
  submittedDate: string;
  status: 'waiting' | 'accepted' | 'rejected' | 'failed';
  approver: string | null;
  message: string | null;
}

export type JobPhase = 'signed' | 'early' | 'midway' | 'late' | 'completed' | 'closed';

export interface JobFacts {
  index: number;
  ids: RecordIds;
  number: string;
  name: string;
  phase: JobPhase;
  status: 'open' | 'completed' | 'closed';
  startDate: string;
  /** Planned (open jobs) or actual (completed jobs) completion. */
  plannedCompletion: string;
  completionDate: string | null;
  /** The ERP writes cost codes Sage style (3300 for 03-300) on this job. */
  sageCodes: boolean;
  linked: boolean;
  contract: { ids: RecordIds; number: string; original: Cents; executedDate: string };
  budget: BudgetLineFact[];
  changeOrders: ChangeOrderFact[];
  commitments: CommitmentFact[];
  invoices: InvoiceFact[];
  directCosts: DirectCostFact[];
  billings: BillingFact[];
  /** PM forecast to complete per line key `code|type`. */
  forecastToComplete: Map<string, Cents>;
  sync: SyncItemFact[];
}

export const lineKey = (code: string, type: string) => `${code}|${type}`;
