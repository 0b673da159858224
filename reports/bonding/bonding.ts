/**
 * The bonding view of a company as of a period end: working capital and equity from the GL plus the WIP's
 * contract position, capacity by the company's surety rules, backlog two ways, the 10 % test, the
 * contracts-in-progress roll-up, trends over the closed periods and red flags with their reasons.
 * Pure over its inputs: the caller (src/) hands in the WIP, the gain/fade analysis, the GL read from the
 * snapshot and the closed periods as trend points.
 */
import type { Dec } from '../../connectors/canonical/money.ts';
import type { FadeReport } from '../fade/fade.ts';
import type { WipSchedule } from '../wip/types.ts';
import { type Backlog, backlogOf, type ContractsInProgress, contractsInProgressOf } from './backlog.ts';
import {
  type BondingSettings,
  type Capacity,
  capacityOf,
  contractPositionOf,
  type TenPercentTest,
  tenPercentTest,
  type WorkingCapital,
  workingCapitalOf,
} from './capacity.ts';
import type { GlByRole } from './gl.ts';
import { type PeriodPoint, pointFromSchedule, type RedFlag, redFlagsOf } from './trends.ts';

export interface BondingInputs {
  wip: WipSchedule;
  fade: FadeReport;
  gl: GlByRole;
  settings: BondingSettings;
  /** Closed periods before as-of as trend points, oldest first. */
  history: PeriodPoint[];
}

export interface BondingReport {
  asOf: string;
  company: { id: string; name: string };
  settings: BondingSettings;
  /** null when the GL holds no mapped balance-sheet account as of the date: no capacity is shown then. */
  workingCapital: WorkingCapital | null;
  capacity: Capacity | null;
  tenPercentTest: TenPercentTest | null;
  backlog: Backlog;
  contractsInProgress: ContractsInProgress;
  /** The GL's own under/over billing accounts beside the WIP's (debit positive), for the reader. */
  glContractAccounts: { underBillings: Dec | null; overBillings: Dec | null };
  trend: PeriodPoint[];
  redFlags: RedFlag[];
  warnings: string[];
}

export function buildBonding(inputs: BondingInputs): BondingReport {
  const { wip, gl, settings } = inputs;
  const warnings: string[] = [];
  const backlog = backlogOf(wip);
  const wc = workingCapitalOf(gl, contractPositionOf(wip));
  if (!wc) {
    warnings.push(
      `No balance-sheet GL balance as of ${wip.asOf}: map the chart of accounts to the bonding roles (cash, accounts_receivable, …) in the ERP connector's glAccounts and take a snapshot; working capital and capacity are not shown.`,
    );
  } else if (wc.equity === null) {
    warnings.push('No equity account is mapped: the equity half of the 10 % test cannot be run.');
  }
  if (backlog.withoutEstimate.length > 0) {
    warnings.push(
      `Cost to complete leaves out ${backlog.withoutEstimate.length} job(s) without a usable estimate (${backlog.withoutEstimate.join(', ')}).`,
    );
  }
  const workOnHand =
    settings.workOnHand === 'cost_to_complete' ? backlog.costToComplete : backlog.revenueToBeEarned;
  const capacity = wc ? capacityOf(wc.workingCapital, workOnHand, settings) : null;
  const test = wc ? tenPercentTest(wc.workingCapital, wc.equity, backlog.costToComplete) : null;
  const trend = [
    ...inputs.history.filter((p) => p.asOf < wip.asOf),
    pointFromSchedule(wip, wc?.workingCapital ?? null),
  ];
  const redFlags = redFlagsOf(trend, inputs.fade, wip);
  if (wc?.workingCapital.lt(0)) {
    redFlags.push({
      code: 'working_capital_negative',
      jobNumber: null,
      reason: `Working capital is negative (${wc.workingCapital.toFixed(2)}): no single-job or aggregate capacity by the working-capital rule.`,
    });
  }
  if (test && !test.passes) {
    const short = [
      test.workingCapitalPasses ? null : 'working capital',
      test.equityPasses === false ? 'equity' : null,
    ].filter(Boolean);
    if (short.length > 0) {
      redFlags.push({
        code: 'ten_percent_test_failed',
        jobNumber: null,
        reason: `The 10 % test fails: ${short.join(' and ')} below ${test.required.toFixed(2)}, 10 % of the cost to complete on hand (${test.costToComplete.toFixed(2)}).`,
      });
    }
  }
  if (capacity?.available.lt(0)) {
    redFlags.push({
      code: 'work_on_hand_over_aggregate',
      jobNumber: null,
      reason: `Work on hand (${settings.workOnHand.replaceAll('_', ' ')}, ${capacity.workOnHand.toFixed(2)}) exceeds the aggregate limit ${capacity.aggregateLimit.toFixed(2)}.`,
    });
  }
  return {
    asOf: wip.asOf,
    company: wip.company,
    settings,
    workingCapital: wc,
    capacity,
    tenPercentTest: test,
    backlog,
    contractsInProgress: contractsInProgressOf(wip),
    glContractAccounts: {
      underBillings: gl.under_billings?.balance ?? null,
      overBillings: gl.over_billings?.balance ?? null,
    },
    trend,
    redFlags,
    warnings,
  };
}
