/**
 * The lines of a QuickBooks transaction, flattened (item groups opened) and classified once: which job, cost
 * code, cost type, signed amount, and whether the line is retainage, job cost or neither. Every document
 * mapping reads lines through this one function, so a line is never classified two ways.
 */
import { Dec } from '../../canonical/money.ts';
import { child, children, type QbNode, ref, text } from '../qbxml/xml.ts';
import type { Lookups } from './lookups.ts';

export interface TxnLine {
  lineId: string;
  /** The job (Sublevel-1 customer) the line is charged to, if any. */
  jobId?: string;
  costCode?: string;
  costType: string;
  /** Signed as job cost: positive adds cost (a credit line or a credit document is negative). */
  amount: Dec;
  kind: 'cost' | 'retainage' | 'other';
  accountListId?: string;
  memo?: string;
}

const LINE_KEYS: [string, 'expense' | 'item' | 'debit' | 'credit'][] = [
  ['ExpenseLineRet', 'expense'],
  ['ItemLineRet', 'item'],
  ['ItemGroupLineRet', 'item'],
  ['JournalDebitLine', 'debit'],
  ['JournalCreditLine', 'credit'],
];

/** `sign` is -1 for credit documents (vendor credits, card credits, credit memos). */
export function txnLines(node: QbNode, lookups: Lookups, sign: 1 | -1 = 1): TxnLine[] {
  const out: TxnLine[] = [];
  for (const [key, kind] of LINE_KEYS) {
    for (const raw of children(node, key)) {
      const group = key === 'ItemGroupLineRet' ? children(raw, 'ItemLineRet') : [raw];
      for (const line of group) out.push(classify(line, kind, lookups, sign));
    }
  }
  return out;
}

function classify(
  line: QbNode,
  kind: 'expense' | 'item' | 'debit' | 'credit',
  lookups: Lookups,
  sign: 1 | -1,
): TxnLine {
  const customer = ref(line, kind === 'debit' || kind === 'credit' ? 'EntityRef' : 'CustomerRef');
  const amount = new Dec(text(line, 'Amount') ?? 0).times(kind === 'credit' ? -sign : sign);
  const memo = text(line, 'Memo') ?? text(line, 'Desc');
  const base = {
    lineId: text(line, 'TxnLineID') ?? '',
    jobId: lookups.jobOf(customer?.listId),
    costType: lookups.costType(ref(line, 'ClassRef')?.listId),
    amount,
    memo,
  };
  if (kind === 'item') {
    const item = ref(line, 'ItemRef');
    if (item?.listId && lookups.retainageItems.has(item.listId)) return { ...base, kind: 'retainage' };
    const code = item?.listId ? lookups.costCodeItems.get(item.listId) : undefined;
    return code ? { ...base, kind: 'cost', costCode: code.code } : { ...base, kind: 'other' };
  }
  const account = ref(line, 'AccountRef');
  if (lookups.isRetainageAccount(account?.listId, account?.fullName))
    return { ...base, kind: 'retainage', accountListId: account?.listId };
  if (!lookups.isCostAccount(account?.listId))
    return { ...base, kind: 'other', accountListId: account?.listId };
  const costCode =
    (kind === 'debit' || kind === 'credit' ? lookups.memoCode(memo) : undefined) ??
    lookups.accountCode(account?.listId, account?.fullName);
  return { ...base, kind: 'cost', costCode, accountListId: account?.listId };
}

/** QuickBooks keeps a voided transaction with zero amounts and "VOID:" leading its memo. */
export function isVoid(node: QbNode): boolean {
  return /^VOID:/i.test(text(node, 'Memo') ?? '');
}

export function linkedTxnIds(node: QbNode, type: string): string[] {
  return children(node, 'LinkedTxn')
    .filter((l) => text(l, 'TxnType') === type)
    .map((l) => text(l, 'TxnID'))
    .filter((id): id is string => Boolean(id));
}

export function refId(node: QbNode, name: string): string | undefined {
  return text(child(node, name), 'ListID');
}
