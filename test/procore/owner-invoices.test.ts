/**
 * Owner invoices (payment applications) → billings, with retainage held and released. The figures are a
 * $300,000 prime contract billed at 10 % retainage, reduced to 5 % at substantial completion, and the rest
 * released on a retainage-only invoice, worked by hand:
 *
 *   pay app  completed to date  total retainage   billed    held     released
 *   1        100,000.00         10,000.00         100,000   10,000   0
 *   2        250,000.00         25,000.00         150,000   15,000   0
 *   3        300,000.00         15,000.00          50,000   2,500 on the new work at 5 %, 12,500 released
 *   4        300,000.00              0.00               0   0        15,000
 *
 * Procore's REST list carries only the cumulative G702 totals, so pay app 3 reads as its net movement
 * (10,000 released); the ERP integration's payment application carries the line items, which give held and
 * released apart. Either way held − released per invoice, and the 0 still held at the end, agree.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../connectors/canonical/money.ts';
import type { SourceRecord } from '../../connectors/contract.ts';
import { mapOwnerInvoices } from '../../connectors/procore/map/owner-invoices.ts';

const call = '/rest/v1.0/prime_contracts/7001/payment_applications?project_id=42';

function payApp(number: number, completed: string, retainage: string, extra: Record<string, unknown> = {}) {
  return {
    id: 880000 + number,
    number,
    invoice_number: String(number),
    period_end: `2026-0${number + 4}-30`,
    status: 'approved',
    total_amount_paid: '0.00',
    g702: { total_completed_and_stored_to_date: completed, total_retainage: retainage },
    ...extra,
  };
}

const values = (records: SourceRecord[]) =>
  records.map((r) => {
    if (!r.ok) throw new Error(r.reason);
    const v = r.values;
    return [v.number, v.billed_amount, v.retainage_held, v.retainage_released, v.status].join(' ');
  });

describe('owner invoices with retainage released', () => {
  it('reads the REST list’s G702 totals: a shrinking total retainage is a release', () => {
    const listed = [
      payApp(2, '250000.00', '25000.00'),
      payApp(1, '100000.00', '10000.00'),
      payApp(3, '300000.00', '15000.00'),
      payApp(4, '300000.00', '0.00', { total_amount_paid: '15000.00' }),
    ].map((item) => ({ item, call }));
    expect(values(mapOwnerInvoices(listed, '42'))).toEqual([
      '1 100000.00 10000.00 0.00 approved',
      '2 150000.00 15000.00 0.00 approved',
      '3 50000.00 0.00 10000.00 approved',
      // Billed nothing, released 15,000 and paid 15,000: paid in full.
      '4 0.00 0.00 15000.00 paid',
    ]);
  });

  it('reads the line items of the ERP integration’s payment application: held and released apart', () => {
    const summaryOnly = (n: number, completed: string, retainage: string, items: unknown[]) => {
      const { g702, ...rest } = payApp(n, completed, retainage);
      return { ...rest, summary: g702, items };
    };
    const item = (id: number, retained: string, released: string) => ({
      id,
      work_completed_retainage_retained_this_period: retained,
      work_completed_retainage_released_this_period: released,
      materials_stored_retainage_retained_this_period: 0,
      materials_stored_retainage_released_this_period: 0,
    });
    const listed = [
      summaryOnly(1, '100000.00', '10000.00', [item(1, '6000.00', '0.00'), item(2, '4000.00', '0.00')]),
      summaryOnly(2, '250000.00', '25000.00', [item(1, '15000.00', '0.00')]),
      summaryOnly(3, '300000.00', '15000.00', [item(1, '2500.00', '7500.00'), item(2, '0.00', '5000.00')]),
    ].map((item) => ({ item, call }));
    const rows = mapOwnerInvoices(listed, '42');
    expect(values(rows)).toEqual([
      '1 100000.00 10000.00 0.00 approved',
      '2 150000.00 15000.00 0.00 approved',
      '3 50000.00 2500.00 12500.00 approved',
    ]);
    // The same net as the totals give: 10,000 + 15,000 + 2,500 − 12,500 = 15,000 still held.
    const still = rows.reduce(
      (s, r) =>
        r.ok ? s.plus(String(r.values.retainage_held)).minus(String(r.values.retainage_released)) : s,
      new Dec(0),
    );
    expect(still.toFixed(2)).toBe('15000.00');
  });

  it('quarantines an invoice whose item amount cannot be read, naming the field', () => {
    const listed = [
      {
        item: payApp(1, '100000.00', '10000.00', {
          items: [{ id: 1, work_completed_retainage_released_this_period: 'ten' }],
        }),
        call,
      },
    ];
    const [record] = mapOwnerInvoices(listed, '42');
    expect(record!.ok).toBe(false);
    expect(!record!.ok && record!.reason).toContain('items.0.work_completed_retainage_released_this_period');
  });
});
