/** Cases about budgets, job cost and the forecast. */

import { addDays, minDate } from '../calendar.ts';
import { type Cents, maxCents, roundTo, scale, sum } from '../cents.ts';
import { pmJobToDate, revisedByLine } from '../derive.ts';
import { type JobFacts, lineKey } from '../facts.ts';
import { amount, find, PlantError, usd } from './helpers.ts';
import type { Plant } from './types.ts';

export const budgetKeyedShort: Plant = ({ pm, erp }) => {
  if (!erp) throw new PlantError('budget-keyed-short', pm.number, 'no ERP copy');
  const line =
    pm.budget.find((b) => b.code === '09-250' && b.original >= 1_000_000n) ??
    pm.budget.find((b) => b.original >= 1_000_000n);
  if (!line) throw new PlantError('budget-keyed-short', pm.number, 'no budget line above $10,000');
  const short = line.original / 10n;
  find(erp.budget, (b) => b.code === line.code && b.type === line.type).original = short;
  return {
    story: `The ERP budget for ${line.code} ${line.type} on ${pm.number} was keyed as ${usd(short)} instead of ${usd(line.original)} (a zero dropped). Expect budget.mismatch on that line; nothing else, since cost does not depend on the budget.`,
    findings: [],
  };
};

export const reversalNotSynced: Plant = ({ pm, erp }) => {
  if (!erp) throw new PlantError('reversal-not-synced', pm.number, 'no ERP copy');
  const reversal = pm.directCosts.find((c) => c.source === 'journal' && c.amount < 0n);
  if (!reversal) throw new PlantError('reversal-not-synced', pm.number, 'no reversing journal entry');
  reversal.syncedToPm = false;
  return {
    story: `A reclass journal entry of ${usd(-reversal.amount)} on ${reversal.code} ${reversal.type} was reversed in the ERP on ${reversal.date}; the ERP → Procore direct-cost sync delivered the original entry but never the reversal, so Procore still counts it. Expect jobcost.mismatch on that line (Procore higher); Procore's estimate at completion includes the phantom cost too, so forecast.overrun where it tips a line over budget.`,
    findings: [],
  };
};

function overrunLine(f: JobFacts, key: string, extra: Cents) {
  f.forecastToComplete.set(key, (f.forecastToComplete.get(key) ?? 0n) + extra);
}

export const steelEscalation: Plant = ({ pm }) => {
  const revised = revisedByLine(pm.budget, pm.changeOrders);
  const line =
    pm.budget.find((b) => b.code === '05-120' && b.type === 'subcontract') ??
    pm.budget.find((b) => b.code === '05-120');
  if (!line) throw new PlantError('steel-escalation', pm.number, 'no structural steel line');
  // 14 % on the line, and at least enough to put the whole job over its budget: the early warning.
  const jtd = pmJobToDate(pm);
  const slack = sum(
    [...revised].map(([k, r]) => r - (jtd.get(k) ?? 0n) - (pm.forecastToComplete.get(k) ?? 0n)),
  );
  const lineShare = scale(revised.get(lineKey(line.code, line.type))!, 0.14);
  const extra = roundTo(maxCents(lineShare, slack) + scale(lineShare, 0.2), 100n);
  overrunLine(pm, lineKey(line.code, line.type), extra);
  return {
    story: `Mill price escalation: the PM raised the forecast on ${line.code} ${line.type} by ${usd(extra)} at about half complete. Expect forecast.overrun on that line and for the job (the early warning); both systems still agree on every recorded amount.`,
    findings: [],
  };
};

export const laborProductivity: Plant = ({ pm }) => {
  const revised = revisedByLine(pm.budget, pm.changeOrders);
  const labor = pm.budget.filter((b) => b.type === 'labor');
  let total = 0n;
  for (const line of labor) {
    const extra = roundTo(scale(revised.get(lineKey(line.code, line.type))!, 0.22), 100n);
    total += extra;
    overrunLine(pm, lineKey(line.code, line.type), extra);
  }
  return {
    story: `Field labor on ${pm.number} is running 22 % over its unit rates early in the job; the PM forecasts ${usd(total)} more labor across ${labor.length} labor lines. Expect forecast.overrun on each labor line and for the job, caught while the job is still early.`,
    findings: [],
  };
};

export const lossJob: Plant = ({ pm }) => {
  const revised = revisedByLine(pm.budget, pm.changeOrders);
  const contract =
    pm.contract.original +
    sum(
      pm.changeOrders
        .filter((c) => c.kind === 'prime' && c.status === 'approved')
        .map((c) => c.contractAmount ?? 0n),
    );
  const jtd = pmJobToDate(pm);
  const eac = sum([...revised.keys()].map((k) => (jtd.get(k) ?? 0n) + (pm.forecastToComplete.get(k) ?? 0n)));
  const needed = contract - eac + scale(contract, 0.045);
  const lines = [...pm.budget]
    .sort((a, b) => (b.original > a.original ? 1 : b.original < a.original ? -1 : 0))
    .slice(0, 3);
  const shares = [0.5, 0.3, 0.2];
  for (const [i, l] of lines.entries())
    overrunLine(pm, lineKey(l.code, l.type), roundTo(scale(needed, shares[i]!), 100n));
  return {
    story: `Loss job: site conditions and a subcontractor default push ${pm.number}'s estimate at completion about 4.5 % above the ${usd(contract)} revised contract. Expect forecast.overrun on the three largest lines and for the job; on the WIP the whole loss is recognised at once.`,
    findings: [],
  };
};

export const costAboveEstimate: Plant = ({ pm, erp }, ctx) => {
  if (!erp) throw new PlantError('cost-above-estimate', pm.number, 'no ERP copy');
  const revised = revisedByLine(pm.budget, pm.changeOrders);
  const line =
    pm.budget.find((b) => b.type === 'labor' && b.code !== '01-310') ??
    pm.budget.find((b) => b.type === 'labor');
  if (!line) throw new PlantError('cost-above-estimate', pm.number, 'no labor line');
  const key = lineKey(line.code, line.type);
  const over = roundTo(scale(revised.get(key)!, 0.18), 1n);
  const parts = [over / 2n, over - over / 2n];
  parts.forEach((value, i) => {
    const entry = {
      ids: ctx.ids.both('direct_cost', 'cost'),
      date: minDate(addDays(ctx.asOf, -10 * (i + 1)), ctx.asOf),
      code: line.code,
      type: line.type,
      amount: value,
      source: 'payroll' as const,
      status: 'posted' as const,
      vendor: null,
      description: 'Payroll, overtime to recover schedule',
      syncedToPm: true,
    };
    pm.directCosts.push(entry);
    erp.directCosts.push(structuredClone(entry));
  });
  pm.forecastToComplete.set(key, roundTo(scale(revised.get(key)!, 0.05), 100n));
  const jtd = pmJobToDate(pm).get(key) ?? 0n;
  return {
    story: `Overtime to recover schedule has already pushed ${line.code} labor on ${pm.number} to ${usd(jtd)} of cost against a ${usd(revised.get(key)!)} revised budget (cost above the estimate); both systems agree on the cost. Expect forecast.overrun on that line and, if it tips the total, for the job; on a WIP using the ERP budget as estimate, percent complete caps at 100 % for that line's share.`,
    findings: [
      {
        check: 'forecast.overrun',
        cost_code: line.code,
        cost_type: line.type,
        pm_amount: amount(jtd + pm.forecastToComplete.get(key)!),
      },
    ],
  };
};
