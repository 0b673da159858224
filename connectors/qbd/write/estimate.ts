/**
 * `qbd.estimate.revise`: an approved change order the books do not carry, added to the job's active estimate
 * as change lines (`Other1` = `CO`, which the reader takes as approved changes to the budget).
 *
 * The find is `EstimateQueryRq` for the job with its lines: it tells whether a line carrying this write's key
 * (`tieout:<key>` at the start of the line's Desc) is already on one of the job's estimates (then nothing is
 * sent), and gives the active estimate's TxnID, EditSequence and line ids. The Mod (`EstimateModRq`) quotes
 * TxnID and EditSequence, keeps every existing line by quoting its TxnLineID alone (in a qbXML Mod, a line not
 * quoted is deleted; a quoted line keeps what the Mod does not name), and adds the new lines with TxnLineID -1.
 * QuickBooks answers 3200 when the estimate changed since the query (a stale EditSequence): the write finds
 * again and sends a new Mod, a bounded number of times. Element order: Intuit's qbXML 13.0 EstimateModRq
 * template (test/qbd/fixtures/reference/qbxmlops130-writes-and-credits.xml).
 */
import { z } from 'zod';
import { Dec } from '../../canonical/money.ts';
import { children, type QbNode, text } from '../qbxml/xml.ts';
import { memoKey, money, name, ref } from './fields.ts';
import type { WritePlan } from './payloads.ts';

/** QuickBooks: "The provided edit sequence … is out-of-date." */
export const STALE_EDIT_SEQUENCE = 3200;

export const ESTIMATE_REVISE = z
  .object({
    /** The job (Customer:Job full name) whose active estimate is revised. */
    job: name(209),
    /** The change order's number in the PM system, shown on the new lines. */
    changeOrder: name(60),
    /** The estimate to revise (its RefNumber), needed only when the job has more than one active estimate. */
    estimate: name(11).optional(),
    lines: z
      .array(
        z
          .object({
            /** The cost-code item and the class (cost type), if any. */
            item: name(159),
            class: name(159).optional(),
            description: z.string().max(3000).optional(),
            /** What the change costs (the budget) and what the owner pays for it (the line's amount). */
            cost: money,
            amount: money,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type EstimateRevise = z.output<typeof ESTIMATE_REVISE>;

const lineDesc = (key: string, p: EstimateRevise, description?: string) =>
  [memoKey(key), `CO ${p.changeOrder}`, description].filter(Boolean).join(' ');

const carriesKey = (key: string) => (line: QbNode) =>
  (text(line, 'Desc') ?? '').startsWith(`${memoKey(key)} `);

export function estimatePlan(p: EstimateRevise, key: string): WritePlan {
  const newLines = p.lines.map((l) => ({
    TxnLineID: '-1',
    ItemRef: ref(l.item),
    Desc: lineDesc(key, p, l.description),
    Quantity: '1',
    Rate: l.amount,
    ...(l.class ? { ClassRef: ref(l.class) } : {}),
    Amount: l.amount,
    // The markup per unit: with quantity 1, amount − cost (what the reader takes off the amount for the cost).
    MarkupRate: new Dec(l.amount).minus(l.cost).toFixed(2),
    Other1: 'CO',
  }));
  return {
    family: 'txn',
    retryOn: [STALE_EDIT_SEQUENCE],
    find: {
      name: 'EstimateQueryRq',
      body: { EntityFilter: { FullName: p.job }, IncludeLineItems: 'true' },
    },
    afterFind(estimates) {
      const ours = estimates.find((e) => children(e, 'EstimateLineRet').some(carriesKey(key)));
      if (ours) return { kind: 'found', id: text(ours, 'TxnID') };
      const active = estimates.filter(
        (e) =>
          text(e, 'IsActive') !== 'false' &&
          (!p.estimate || (text(e, 'RefNumber') ?? '').toLowerCase() === p.estimate.toLowerCase()),
      );
      const nothing = `nothing was written: make the job's estimate active in QuickBooks (or name it), then propose the change again`;
      if (active.length === 0)
        return {
          kind: 'refuse',
          error: `job "${p.job}" has no active estimate${p.estimate ? ` numbered ${p.estimate}` : ''} in QuickBooks to revise with change order ${p.changeOrder}; ${nothing}`,
        };
      if (active.length > 1)
        return {
          kind: 'refuse',
          error: `job "${p.job}" has ${active.length} active estimates in QuickBooks (${active.map((e) => text(e, 'RefNumber') ?? text(e, 'TxnID')).join(', ')}); name the one to revise with change order ${p.changeOrder} in the payload's estimate; nothing was written`,
        };
      const estimate = active[0]!;
      if (children(estimate, 'EstimateLineGroupRet').length > 0)
        return {
          kind: 'refuse',
          error: `the active estimate ${text(estimate, 'RefNumber') ?? text(estimate, 'TxnID')} of job "${p.job}" has item groups, which tieout does not revise (a Mod must quote every line in its place); enter change order ${p.changeOrder} in QuickBooks by hand; nothing was written`,
        };
      const kept = children(estimate, 'EstimateLineRet').map((l) => ({ TxnLineID: text(l, 'TxnLineID') }));
      return {
        kind: 'write',
        request: {
          name: 'EstimateModRq',
          body: {
            EstimateMod: {
              TxnID: text(estimate, 'TxnID'),
              EditSequence: text(estimate, 'EditSequence'),
              EstimateLineMod: [...kept, ...newLines],
            },
          },
        },
      };
    },
  };
}
