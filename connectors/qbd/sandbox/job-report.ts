/**
 * The sandbox's Job Estimates vs Actuals Summary (JobReportQueryRq, JobEstimatesVsActualsSummary), computed
 * from its own records the way QuickBooks totals them: estimated cost and revenue from active estimates,
 * actual cost from transaction lines on cost-of-goods and expense accounts charged to the customer or job,
 * actual revenue from invoice and credit-memo lines on income accounts. One row per customer or job, each
 * with its own amounts (sub-jobs are rows of their own), then a total row.
 */
import { Dec } from '../../canonical/money.ts';
import { child, children, type QbNode, text } from '../qbxml/xml.ts';
import type { QbCompany } from './company.ts';

const COST_TYPES = new Set(['CostOfGoodsSold', 'Expense', 'OtherExpense']);
const INCOME_TYPES = new Set(['Income', 'OtherIncome']);
const COLUMNS = ['Est. Cost', 'Act. Cost', '($) Diff.', 'Est. Revenue', 'Act. Revenue', '($) Diff.'];

export function jobReport(company: QbCompany): QbNode {
  const accountType = new Map<string, string>();
  for (const a of company.all('list', ['AccountRet'])) accountType.set(a.id, String(a.node.AccountType));
  const itemAccount = new Map<string, string>();
  for (const i of company.all('list', ['ItemServiceRet', 'ItemOtherChargeRet', 'ItemNonInventoryRet']))
    itemAccount.set(i.id, text(child(child(i.node, 'SalesOrPurchase'), 'AccountRef'), 'ListID') ?? '');
  const sums = new Map<string, { estCost: Dec; actCost: Dec; estRevenue: Dec; actRevenue: Dec }>();
  const at = (customer: string) => {
    let s = sums.get(customer);
    if (!s) {
      s = { estCost: new Dec(0), actCost: new Dec(0), estRevenue: new Dec(0), actRevenue: new Dec(0) };
      sums.set(customer, s);
    }
    return s;
  };
  const typeOfLine = (line: QbNode) => {
    const item = text(child(line, 'ItemRef'), 'ListID');
    const account = item ? itemAccount.get(item) : text(child(line, 'AccountRef'), 'ListID');
    return accountType.get(account ?? '') ?? '';
  };
  for (const e of company.all('txn', ['EstimateRet'])) {
    if (e.node.IsActive === 'false') continue;
    const s = at(text(child(e.node, 'CustomerRef'), 'FullName') ?? '');
    for (const l of children(e.node, 'EstimateLineRet')) {
      const amount = new Dec(text(l, 'Amount') ?? 0);
      s.estRevenue = s.estRevenue.plus(amount);
      s.estCost = s.estCost.plus(amount.minus(text(l, 'MarkupRate') ?? 0));
    }
  }
  const costRets = [
    'BillRet',
    'CheckRet',
    'CreditCardChargeRet',
    'ItemReceiptRet',
    'VendorCreditRet',
    'CreditCardCreditRet',
  ];
  for (const t of company.all('txn', costRets)) {
    const sign = t.ret === 'VendorCreditRet' || t.ret === 'CreditCardCreditRet' ? -1 : 1;
    for (const l of [...children(t.node, 'ExpenseLineRet'), ...children(t.node, 'ItemLineRet')]) {
      const customer = text(child(l, 'CustomerRef'), 'FullName');
      if (!customer || !COST_TYPES.has(typeOfLine(l))) continue;
      at(customer).actCost = at(customer).actCost.plus(new Dec(text(l, 'Amount') ?? 0).times(sign));
    }
  }
  for (const j of company.all('txn', ['JournalEntryRet'])) {
    for (const [key, sign] of [
      ['JournalDebitLine', 1],
      ['JournalCreditLine', -1],
    ] as const) {
      for (const l of children(j.node, key)) {
        const customer = text(child(l, 'EntityRef'), 'FullName');
        if (!customer || !COST_TYPES.has(typeOfLine(l))) continue;
        at(customer).actCost = at(customer).actCost.plus(new Dec(text(l, 'Amount') ?? 0).times(sign));
      }
    }
  }
  for (const inv of company.all('txn', ['InvoiceRet', 'CreditMemoRet'])) {
    const sign = inv.ret === 'CreditMemoRet' ? -1 : 1;
    const customer = text(child(inv.node, 'CustomerRef'), 'FullName') ?? '';
    for (const l of [...children(inv.node, 'InvoiceLineRet'), ...children(inv.node, 'CreditMemoLineRet')]) {
      if (!INCOME_TYPES.has(typeOfLine(l))) continue;
      at(customer).actRevenue = at(customer).actRevenue.plus(new Dec(text(l, 'Amount') ?? 0).times(sign));
    }
  }
  const rows = [...sums].sort(([a], [b]) => a.localeCompare(b));
  const total = { estCost: new Dec(0), actCost: new Dec(0), estRevenue: new Dec(0), actRevenue: new Dec(0) };
  const data = (s: typeof total) => [
    s.estCost,
    s.actCost,
    s.actCost.minus(s.estCost),
    s.estRevenue,
    s.actRevenue,
    s.actRevenue.minus(s.estRevenue),
  ];
  const colData = (label: string, s: typeof total) => [
    { '@_colID': '1', '@_value': label },
    ...data(s).map((d, i) => ({ '@_colID': String(i + 2), '@_value': d.toFixed(2) })),
  ];
  const dataRows = rows.map(([customer, s], i) => {
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] = total[k].plus(s[k]);
    return {
      '@_rowNumber': String(i + 1),
      RowData: { '@_rowType': 'customer', '@_value': customer },
      ColData: colData(customer.split(':').at(-1) ?? customer, s),
    };
  });
  return {
    ReportTitle: 'Job Estimates vs. Actuals Summary',
    ReportSubtitle: 'All Transactions',
    ReportBasis: 'Accrual',
    NumRows: String(dataRows.length + 1),
    NumColumns: String(COLUMNS.length + 1),
    NumColTitleRows: '1',
    ColDesc: [
      { '@_colID': '1', '@_dataType': 'STRTYPE', ColTitle: [{ '@_titleRow': '1' }], ColType: 'Label' },
      ...COLUMNS.map((title, i) => ({
        '@_colID': String(i + 2),
        '@_dataType': 'AMTTYPE',
        ColTitle: [{ '@_titleRow': '1', '@_value': title }],
        ColType: 'Amount',
      })),
    ],
    ReportData: {
      DataRow: dataRows,
      TotalRow: [
        {
          '@_rowNumber': String(dataRows.length + 1),
          RowData: { '@_rowType': 'label', '@_value': 'TOTAL' },
          ColData: colData('TOTAL', total),
        },
      ],
    },
  };
}
