/**
 * Renders the list side of a canonical dataset (ERP side) into the sandbox company: accounts, classes (one per
 * cost type: the sandbox company tracks cost types with classes), cost-code items, vendors and the
 * Customer:Job tree. What QuickBooks cannot hold is shaped the way contractors shape it: the job number leads
 * the job's name ("2026-015 Eastgate Water…", cut to QuickBooks' 41 characters, the whole name in the job
 * description), the cost code leads the item name, and Procore ids sit in a custom field.
 */

import { Dec } from '../../canonical/money.ts';
import type { Dataset } from '../../sage100c/sandbox/dataset.ts';
import type { QbNode } from '../qbxml/xml.ts';
import type { QbCompany, StoredRecord } from './company.ts';

/** The custom field (DataExt, OwnerID 0) holding Procore ids on jobs and vendors. */
export const LINK_FIELD = 'Procore ID';

export const ACCOUNTS = {
  ap: { name: 'Accounts Payable', type: 'AccountsPayable' },
  ar: { name: 'Accounts Receivable', type: 'AccountsReceivable' },
  checking: { name: 'Checking', type: 'Bank' },
  card: { name: 'Company Card', type: 'CreditCard' },
  jobCosts: { name: 'Job Costs', type: 'CostOfGoodsSold' },
  labor: { name: 'Job Labor', type: 'CostOfGoodsSold' },
  equipment: { name: 'Equipment Costs', type: 'CostOfGoodsSold' },
  income: { name: 'Construction Income', type: 'Income' },
  retainagePayable: { name: 'Retainage Payable', type: 'OtherCurrentLiability' },
  retainageReceivable: { name: 'Retainage Receivable', type: 'OtherCurrentAsset' },
} as const;

const GL_NAMES: Record<string, [string, string]> = {
  under_billings: ['Costs in Excess of Billings', 'OtherCurrentAsset'],
  over_billings: ['Billings in Excess of Costs', 'OtherCurrentLiability'],
  retainage_receivable: ['Retainage Receivable', 'OtherCurrentAsset'],
  retainage_payable: ['Retainage Payable', 'OtherCurrentLiability'],
  cash: ['Operating Cash', 'Bank'],
  accounts_receivable: ['Contract Receivables', 'AccountsReceivable'],
  other_current_assets: ['Other Current Assets', 'OtherCurrentAsset'],
  accounts_payable: ['Trade Payables', 'AccountsPayable'],
  line_of_credit: ['Bank Line of Credit', 'OtherCurrentLiability'],
  other_current_liabilities: ['Accrued Liabilities', 'OtherCurrentLiability'],
  equity: ['Stockholders Equity', 'Equity'],
  other: ['Other Balance', 'OtherCurrentAsset'],
};
const CREDIT_NORMAL = new Set([
  'AccountsPayable',
  'CreditCard',
  'OtherCurrentLiability',
  'LongTermLiability',
  'Equity',
  'Income',
  'OtherIncome',
]);
export const isCreditNormal = (type: string) => CREDIT_NORMAL.has(type);

/** What the transaction renderer needs to refer to lists. */
export interface Lists {
  account: Map<string, StoredRecord>;
  classOf: Map<string, StoredRecord>;
  itemOf: Map<string, StoredRecord>;
  retainageItem: StoredRecord;
  billingItem: StoredRecord;
  revenueItem: StoredRecord;
  vendorOf: Map<string, StoredRecord>;
  payroll: StoredRecord;
  jobOf: Map<string, StoredRecord>;
  /** Every fifth job has a sub-job ("Phase 2") that carries part of its cost; rolled up it is the job. */
  subJobOf: Map<string, StoredRecord>;
  /** Dataset id → QuickBooks id, for translating a company's id mappings. */
  ids: { jobs: Map<string, string>; vendors: Map<string, string> };
}

export const refTo = (r: StoredRecord): QbNode => ({
  ListID: r.id,
  FullName: String(r.node.FullName ?? r.node.Name),
});

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n).trimEnd() : s);
const customField = (value: string | null): QbNode | undefined =>
  value
    ? {
        DataExtRet: [
          { OwnerID: '0', DataExtName: LINK_FIELD, DataExtType: 'STR255TYPE', DataExtValue: value },
        ],
      }
    : undefined;

function listHead(s: { id: string; created: string; modified: string; editSequence: string }): QbNode {
  return { ListID: s.id, TimeCreated: s.created, TimeModified: s.modified, EditSequence: s.editSequence };
}

const COST_TYPE_CLASS: Record<string, string> = {
  labor: 'Labor',
  material: 'Material',
  equipment: 'Equipment',
  subcontract: 'Subcontract',
  other: 'Other',
};
export const classNameOf = (costType: string) =>
  COST_TYPE_CLASS[costType] ?? costType.charAt(0).toUpperCase() + costType.slice(1);

const OWNERS = [
  'Eastgate Utility District',
  'Riverside Health Partners',
  'Fairview Development LLC',
  'Summit County Schools',
  'Northline Properties',
  'Cedar Ridge Holdings',
  'Metro Transit Authority',
  'Harborview Partners',
];

export function renderLists(company: QbCompany, data: Dataset): Lists {
  const account = new Map<string, StoredRecord>();
  const addAccount = (key: string, name: string, type: string, number?: string, balance = '0.00') => {
    const r = company.create('list', 'AccountRet', (s) => ({
      ...listHead(s),
      Name: name,
      FullName: name,
      IsActive: 'true',
      Sublevel: '0',
      AccountType: type,
      ...(number ? { AccountNumber: number } : {}),
      Balance: balance,
      TotalBalance: balance,
    }));
    account.set(key, r);
    return r;
  };
  for (const [key, a] of Object.entries(ACCOUNTS)) addAccount(key, a.name, a.type);
  // GL accounts the WIP ties to: QuickBooks shows credit-normal balances positive; canonical is debit positive.
  const latest = new Map<string, (typeof data.gl_balances)[number]>();
  for (const g of data.gl_balances) {
    const prev = latest.get(g.account);
    if (!prev || prev.as_of < g.as_of) latest.set(g.account, g);
  }
  for (const g of latest.values()) {
    const [name, type] = GL_NAMES[g.role ?? 'other'] ?? GL_NAMES.other!;
    const balance = isCreditNormal(type) ? new Dec(g.balance).neg() : new Dec(g.balance);
    addAccount(`gl:${g.account}`, `${name} ${g.account}`, type, g.account, balance.toFixed(2));
  }

  const classOf = new Map<string, StoredRecord>();
  const types = new Set<string>(['labor', 'material', 'equipment', 'subcontract', 'other']);
  for (const t of data.cost_transactions) types.add(t.cost_type);
  for (const b of data.budget_lines) types.add(b.cost_type);
  for (const t of types) {
    const name = classNameOf(t);
    classOf.set(
      t,
      company.create('list', 'ClassRet', (s) => ({
        ...listHead(s),
        Name: name,
        FullName: name,
        IsActive: 'true',
        Sublevel: '0',
      })),
    );
  }

  const descriptions = new Map<string, string | null>();
  const note = (code: string | null | undefined, description?: string | null) => {
    if (!code) return;
    if (!descriptions.has(code) || (description && !descriptions.get(code)))
      descriptions.set(code, description ?? null);
  };
  for (const c of data.cost_codes) note(c.code, c.description);
  for (const rows of [data.budget_lines, data.cost_transactions, data.commitment_lines, data.payable_lines])
    for (const r of rows) note(r.cost_code);
  const item = (ret: string, name: string, desc: string, accountKey: string) =>
    company.create('list', ret, (s) => ({
      ...listHead(s),
      Name: name,
      FullName: name,
      IsActive: 'true',
      Sublevel: '0',
      SalesOrPurchase: { Desc: desc, Price: '0.00', AccountRef: refTo(account.get(accountKey)!) },
    }));
  const itemOf = new Map<string, StoredRecord>();
  for (const [code, description] of [...descriptions].sort(([a], [b]) => a.localeCompare(b))) {
    itemOf.set(
      code,
      item(
        'ItemServiceRet',
        cut(description ? `${code} ${description}` : code, 31),
        description ?? code,
        'jobCosts',
      ),
    );
  }
  const retainageItem = item(
    'ItemOtherChargeRet',
    'Retainage',
    'Retainage withheld by the owner',
    'retainageReceivable',
  );
  const billingItem = item('ItemServiceRet', 'Progress Billing', 'Work completed this period', 'income');
  const revenueItem = item('ItemServiceRet', 'Contract', 'Contract amount not tied to a cost code', 'income');

  const subcontractors = new Set(
    data.commitments.filter((c) => c.kind === 'subcontract').map((c) => c.vendor_id),
  );
  const vendorTypeName = 'Subcontractors';
  const vendorOf = new Map<string, StoredRecord>();
  const ids = { jobs: new Map<string, string>(), vendors: new Map<string, string>() };
  for (const v of data.vendors) {
    const r = company.create('list', 'VendorRet', (s) => ({
      ...listHead(s),
      Name: cut(v.name, 41),
      IsActive: v.status === 'inactive' ? 'false' : 'true',
      CompanyName: cut(v.name, 41),
      ...(subcontractors.has(v.vendor_id) ? { VendorTypeRef: { FullName: vendorTypeName } } : {}),
      Balance: '0.00',
      ...customField(v.linked_id),
    }));
    vendorOf.set(v.vendor_id, r);
    ids.vendors.set(v.vendor_id, r.id);
  }
  const payroll = company.create('list', 'VendorRet', (s) => ({
    ...listHead(s),
    Name: 'Payroll Service',
    IsActive: 'true',
    CompanyName: 'Payroll Service',
    Balance: '0.00',
  }));

  const owners = new Map<string, StoredRecord>();
  const jobOf = new Map<string, StoredRecord>();
  const subJobOf = new Map<string, StoredRecord>();
  data.jobs.forEach((job, i) => {
    const ownerName = OWNERS[i % OWNERS.length]!;
    let owner = owners.get(ownerName);
    if (!owner) {
      owner = company.create('list', 'CustomerRet', (s) => ({
        ...listHead(s),
        Name: ownerName,
        FullName: ownerName,
        IsActive: 'true',
        Sublevel: '0',
        CompanyName: ownerName,
        Balance: '0.00',
        TotalBalance: '0.00',
        JobStatus: 'None',
      }));
      owners.set(ownerName, owner);
    }
    const name = cut(`${job.number} ${job.name}`, 41);
    const status = job.status ?? 'open';
    const r = company.create('list', 'CustomerRet', (s) => ({
      ...listHead(s),
      Name: name,
      FullName: `${ownerName}:${name}`,
      IsActive: status === 'closed' ? 'false' : 'true',
      ParentRef: refTo(owner!),
      Sublevel: '1',
      Balance: '0.00',
      TotalBalance: '0.00',
      JobStatus: status === 'open' ? (job.start_date ? 'InProgress' : 'Awarded') : 'Closed',
      ...(job.start_date ? { JobStartDate: job.start_date } : {}),
      ...(job.completion_date ? { JobEndDate: job.completion_date } : {}),
      JobDesc: cut(job.name, 99),
      ...customField(job.linked_id),
    }));
    jobOf.set(job.job_id, r);
    ids.jobs.set(job.job_id, r.id);
    if (i % 5 === 3) {
      subJobOf.set(
        job.job_id,
        company.create('list', 'CustomerRet', (s) => ({
          ...listHead(s),
          Name: 'Phase 2',
          FullName: `${r.node.FullName}:Phase 2`,
          IsActive: r.node.IsActive,
          ParentRef: refTo(r),
          Sublevel: '2',
          Balance: '0.00',
          TotalBalance: '0.00',
          JobStatus: r.node.JobStatus,
        })),
      );
    }
  });
  return {
    account,
    classOf,
    itemOf,
    retainageItem,
    billingItem,
    revenueItem,
    vendorOf,
    payroll,
    jobOf,
    subJobOf,
    ids,
  };
}
