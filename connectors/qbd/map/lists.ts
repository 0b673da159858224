/** Jobs, cost codes, vendors and GL balances from the QuickBooks lists. */
import { Dec } from '../../canonical/money.ts';
import type { SourceRecord } from '../../contract.ts';
import { text } from '../qbxml/xml.ts';
import { record } from './documents.ts';
import { customField, type Lookups } from './lookups.ts';
import type { QbdMapping } from './mapping.ts';

/** Active: open (Awarded, InProgress, Pending, None); Closed: completed; NotAwarded or inactive: closed. */
export function jobRecords(lookups: Lookups, mapping: QbdMapping): SourceRecord[] {
  return [...lookups.jobs.values()].map((j) => {
    const active = text(j.node, 'IsActive') !== 'false';
    const jobStatus = text(j.node, 'JobStatus') ?? 'None';
    const status =
      !active || jobStatus === 'NotAwarded' ? 'closed' : jobStatus === 'Closed' ? 'completed' : 'open';
    return record(
      {
        job_id: j.id,
        linked_id: customField(j.node, mapping.linkedIdField) ?? null,
        number: j.number,
        name: j.name,
        status,
        start_date: text(j.node, 'JobStartDate') ?? null,
        completion_date: status === 'open' ? null : (text(j.node, 'JobEndDate') ?? null),
      },
      `QuickBooks Customer:Job ${j.id} (${text(j.node, 'FullName')})`,
      j.node,
    );
  });
}

export function costCodeRecords(lookups: Lookups): SourceRecord[] {
  const seen = new Set<string>();
  const out: SourceRecord[] = [];
  for (const [id, item] of lookups.costCodeItems) {
    if (seen.has(item.code)) continue;
    seen.add(item.code);
    out.push(
      record(
        { job_id: null, code: item.code, description: item.description },
        `QuickBooks Item ${id}`,
        item.node,
      ),
    );
  }
  return out;
}

export function vendorRecords(lookups: Lookups, mapping: QbdMapping): SourceRecord[] {
  return [...lookups.vendors].map(([id, v]) =>
    record(
      {
        vendor_id: id,
        linked_id: customField(v, mapping.linkedIdField) ?? null,
        name: text(v, 'Name'),
        status: text(v, 'IsActive') === 'false' ? 'inactive' : 'active',
      },
      `QuickBooks Vendor ${id}`,
      v,
    ),
  );
}

const CREDIT_NORMAL = new Set([
  'AccountsPayable',
  'CreditCard',
  'OtherCurrentLiability',
  'LongTermLiability',
  'Equity',
  'Income',
  'OtherIncome',
]);

/**
 * QuickBooks gives an account's current balance (TotalBalance: with its subaccounts), not a month-end one, so
 * the balance is dated the day of the session that read it. Credit-normal accounts are shown positive in
 * QuickBooks; canonical balances are debit positive.
 */
export function glRecords(lookups: Lookups, mapping: QbdMapping, asOf: string): SourceRecord[] {
  const out: SourceRecord[] = [];
  for (const [role, names] of Object.entries(mapping.glAccounts ?? {})) {
    for (const wanted of names ?? []) {
      for (const [id, a] of lookups.accounts) {
        if (text(a, 'AccountNumber') !== wanted && text(a, 'FullName') !== wanted) continue;
        const balance = new Dec(text(a, 'TotalBalance') ?? text(a, 'Balance') ?? 0);
        out.push(
          record(
            {
              account: text(a, 'AccountNumber') ?? wanted,
              role,
              as_of: asOf,
              balance: (CREDIT_NORMAL.has(text(a, 'AccountType') ?? '') ? balance.neg() : balance).toFixed(2),
            },
            `QuickBooks Account ${id}`,
            a,
          ),
        );
      }
    }
  }
  return out;
}
