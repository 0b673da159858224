/**
 * GL balances (lgract + lgrbal) → canonical gl_balances for the configured accounts only. A Sage period is
 * (postyr, actprd 1–12) counted from the fiscal year's first month, postyr being the calendar year in which
 * period 1 falls; periods outside 1–12 (opening and closing adjustments) get no row of their own. With `glBalance:
 * activity` balnce is a period's net change and the balance is the running total per account.
 */

import { periodEnd } from '../canonical/dates.ts';
import { Dec } from '../canonical/money.ts';
import type { SourceRecord } from '../contract.ts';
import type { MappingOptions } from './config.ts';
import type { SqlRow } from './sql-client.ts';
import { sageMoneyOrZero } from './values.ts';

export function periodEndDate(postyr: number, actprd: number, fiscalYearStartMonth: number): string {
  const monthIndex = fiscalYearStartMonth - 1 + actprd - 1;
  const year = postyr + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return periodEnd(`${year}-${String(month).padStart(2, '0')}`);
}

export function glRoleOf(options: MappingOptions): Map<string, string> {
  const roles = new Map<string, string>();
  for (const [role, accounts] of Object.entries(options.glAccounts ?? {})) {
    for (const account of accounts) roles.set(account, role);
  }
  return roles;
}

export class GlBalances {
  private readonly running = new Map<string, Dec>();
  private readonly roles: Map<string, string>;
  constructor(private readonly options: MappingOptions) {
    this.roles = glRoleOf(options);
  }

  map(row: SqlRow): SourceRecord | undefined {
    const account = String(row.account);
    const role = this.roles.get(account);
    const period = Number(row.actprd);
    if (role === undefined) return undefined;
    let balance = new Dec(sageMoneyOrZero(row.balnce));
    if (this.options.glBalance === 'activity') {
      // Opening (0) and closing (13+) periods count in the running balance but have no month end of their own.
      balance = (this.running.get(account) ?? new Dec(0)).plus(balance);
      this.running.set(account, balance);
    }
    if (!(period >= 1 && period <= 12)) return undefined;
    return {
      ok: true,
      values: {
        account,
        role,
        as_of: periodEndDate(Number(row.postyr), period, this.options.fiscalYearStartMonth),
        balance: balance.toFixed(2),
      },
      sourceRef: `lgrbal account ${account} year ${row.postyr} period ${period}`,
      raw: row,
    };
  }
}
