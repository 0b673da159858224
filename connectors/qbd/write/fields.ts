/** The fields every QuickBooks write payload is made of (zod), and how a write carries its idempotency key. */
import { z } from 'zod';
import { Dec } from '../../canonical/money.ts';

export const money = z
  .string()
  .regex(/^-?\d{1,16}(\.\d{1,2})?$/, 'write an amount as a decimal string, e.g. "1250.00"')
  .transform((v) => new Dec(v).toFixed(2));
export const name = (max: number) =>
  z.string().trim().min(1).max(max, `QuickBooks keeps at most ${max} characters`);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD');

/** The key a write leaves in QuickBooks (a transaction's Memo, an estimate line's Desc). */
export const memoKey = (key: string) => `tieout:${key}`;
export const ref = (fullName: string) => ({ FullName: fullName });
