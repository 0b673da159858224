/**
 * AP and AR transaction numbers (APTrans, ARTrans) are unique within a company and month (the key is
 * Co, Mth, Trans). Whether a company's numbers also never repeat across months is not documented: Vista
 * assigns them from HQ transaction control, which some set-ups restart monthly. Both readings are accepted:
 * when no number repeats across months the id is the number alone ("30001"), as people quote it; when any
 * does, every id carries its month ("2026-05/30001"), so no two transactions ever share an id.
 */
import { vistaDate } from './values.ts';

export type TransactionKey = (mth: unknown, trans: unknown) => string | null;

export function transactionKeys(rows: [unknown, unknown][]): TransactionKey {
  const months = new Map<string, string>();
  let repeats = false;
  for (const [mth, trans] of rows) {
    const t = String(trans);
    const m = vistaDate(mth) ?? '';
    const seen = months.get(t);
    if (seen !== undefined && seen !== m) repeats = true;
    months.set(t, m);
  }
  return (mth, trans) => {
    if (trans === null || trans === undefined) return null;
    return repeats ? `${(vistaDate(mth) ?? '').slice(0, 7)}/${trans}` : String(trans);
  };
}
