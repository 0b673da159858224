/**
 * The Sage 100 Contractor reports tieout imports when a customer cannot grant SQL access, and the columns it
 * reads from each. A report is exported from Sage (File → Export / "Send to Excel", or CSV) into one folder,
 * one file per report, named as below (.xlsx or .csv). Column headings are matched without regard to case,
 * spaces or punctuation, and any of the listed spellings is accepted; other columns are ignored.
 */

export interface ReportColumn {
  /** The column's role in tieout (the Sage column it carries). */
  field: string;
  headings: string[];
  required?: boolean;
}

export interface ReportSpec {
  file: string;
  /** The Sage window or report it comes from. */
  source: string;
  columns: ReportColumn[];
}

const col = (field: string, headings: string[], required = false): ReportColumn => ({
  field,
  headings,
  required,
});

export const REPORTS = {
  jobs: {
    file: 'jobs',
    source: '3-5 Jobs list (Job#, Job Name, Status, Contract)',
    columns: [
      col('recnum', ['Job#', 'Job Number', 'Job'], true),
      col('jobnme', ['Job Name', 'Name', 'Description'], true),
      col('status', ['Status', 'Job Status']),
      col('cntrct', ['Contract', 'Contract Amount']),
      col('connum', ['Contract#']),
      col('sttdte', ['Start Date']),
      col('cmpdte', ['Finish Date', 'Completion Date']),
    ],
  },
  jobCost: {
    file: 'job-cost',
    source: '6-3 Job Costs list / Job Cost Detail report',
    columns: [
      col('recnum', ['Record#', 'Rec#', 'Record'], true),
      col('jobnum', ['Job', 'Job#'], true),
      col('phsnum', ['Phase', 'Phase#']),
      col('cstcde', ['Cost Code', 'Cost Code#'], true),
      col('csttyp', ['Cost Type', 'Type'], true),
      col('trndte', ['Date', 'Trans Date', 'Transaction Date'], true),
      col('cstamt', ['Cost', 'Amount', 'Cost Amount'], true),
      col('status', ['Status']),
      col('srcnme', ['Source']),
      col('vndnum', ['Vendor', 'Vendor#']),
      col('dscrpt', ['Description']),
    ],
  },
  budget: {
    file: 'budget',
    source: '6-2 Budgets (budget report by cost code and cost type)',
    columns: [
      col('jobnum', ['Job', 'Job#'], true),
      col('phsnum', ['Phase', 'Phase#']),
      col('cstcde', ['Cost Code'], true),
      col('csttyp', ['Cost Type', 'Type'], true),
      col('original', ['Original Budget', 'Orig Budget', 'Original'], true),
      col('current', ['Budget', 'Current Budget', 'Revised Budget'], true),
    ],
  },
  subcontracts: {
    file: 'subcontracts',
    source: '6-7-1 Subcontracts list',
    columns: [
      col('recnum', ['Record#', 'Rec#'], true),
      col('ctcnum', ['Subcontract#', 'Subcontract'], true),
      col('jobnum', ['Job', 'Job#'], true),
      col('vndnum', ['Vendor', 'Vendor#']),
      col('status', ['Status']),
      col('cntttl', ['Original Subcontract Total', 'Original', 'Original Amount'], true),
      col('chgttl', ['Changes Total', 'Changes']),
      col('ctcttl', ['New Subcontract Total', 'New Total', 'Revised']),
      col('rtnrte', ['Retention', 'Retention %', 'Retention Rate']),
      col('condte', ['Contract Date']),
    ],
  },
  payables: {
    file: 'payables',
    source: '4-2 Payable Invoices list',
    columns: [
      col('recnum', ['Record#', 'Rec#'], true),
      col('invnum', ['Invoice#', 'Invoice'], true),
      col('jobnum', ['Job', 'Job#'], true),
      col('vndnum', ['Vendor', 'Vendor#']),
      col('ctcnum', ['Subcontract#', 'Contract#']),
      col('invdte', ['Date', 'Invoice Date']),
      col('status', ['Status']),
      col('invtyp', ['Type', 'Invoice Type']),
      col('invttl', ['Invoice Total', 'Total'], true),
      col('retain', ['Retention', 'Retainage']),
      col('invnet', ['Invoice Net', 'Net']),
    ],
  },
  changeOrders: {
    file: 'change-orders',
    source: '6-4-1 Change Orders list',
    columns: [
      col('recnum', ['Record#', 'Rec#'], true),
      col('chgnum', ['Change#', 'Change Order#'], true),
      col('jobnum', ['Job', 'Job#'], true),
      col('status', ['Status'], true),
      col('aprdte', ['Approved', 'Approved Date']),
      col('appamt', ['Approved Amount']),
      col('reqamt', ['Requested Amount']),
      col('cstamt', ['Cost Amount']),
      col('dscrpt', ['Description']),
    ],
  },
  receivables: {
    file: 'receivables',
    source: '3-2 Receivable Invoices list',
    columns: [
      col('recnum', ['Record#', 'Rec#'], true),
      col('invnum', ['Invoice#', 'Invoice'], true),
      col('jobnum', ['Job', 'Job#'], true),
      col('invdte', ['Date', 'Invoice Date'], true),
      col('status', ['Status']),
      col('invtyp', ['Type', 'Invoice Type']),
      col('invttl', ['Total', 'Invoice Total'], true),
      col('slstax', ['Sales Tax', 'Tax']),
      col('retain', ['Retention', 'Retainage']),
    ],
  },
} satisfies Record<string, ReportSpec>;

export function headingKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9#%]/g, '');
}

/** Status words as Sage prints them → the codes of enumerations.csv, per kind of record. */
export const STATUS_WORDS: Record<string, Record<string, number>> = {
  job: { bid: 1, refused: 2, contract: 3, current: 4, complete: 5, closed: 6 },
  subcontract: { bid: 1, refused: 2, contract: 3, current: 4, complete: 5, closed: 6 },
  changeOrder: { approved: 1, open: 2, review: 3, disputed: 4, void: 5, rejected: 6 },
  invoice: { open: 1, review: 2, dispute: 3, paid: 4, void: 5 },
  jobCost: { open: 1, posted: 1, void: 2 },
  invoiceType: { contract: 1, memo: 2 },
  costType: { material: 1, labor: 2, equipment: 3, subcontract: 4, other: 5 },
};
