/**
 * Working capital and bonding capacity, by the rules sureties publish (shared/reference/domain §4.2):
 *
 *   current assets      = cash + accounts receivable + retainage receivable + other current assets
 *                         + the WIP's contract assets (under billings, open and completed jobs)
 *   current liabilities = accounts payable + retainage payable + line of credit + other current liabilities
 *                         + the WIP's contract liabilities (over billings) + its provision for anticipated losses
 *   working capital     = current assets − current liabilities
 *   single-job limit    = max(working capital, 0) × singleMultiplier (default 10)
 *   aggregate limit     = single-job limit × aggregateMultiplier (default 2.5)
 *   available           = aggregate limit − work on hand (cost to complete, or backlog revenue, per company)
 *   10 % test           = working capital and equity each ≥ 10 % of the cost to complete all work on hand
 *
 * The contract asset and liability come from the WIP, never from the GL's under/over billing accounts, so the
 * schedule the surety reads and the capacity it grants are one set of figures (the WIP's tie-out shows any
 * difference from the books). GL balances are debit positive; liabilities and equity are turned positive here.
 * Pure: decimals in, decimals out, nothing rounded.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { GlRole } from '../../connectors/canonical/tables.ts';
import type { WipSchedule } from '../wip/types.ts';
import type { GlByRole } from './gl.ts';

export type WorkOnHandMeasure = 'cost_to_complete' | 'backlog_revenue';

export interface BondingSettings {
  singleMultiplier: string;
  aggregateMultiplier: string;
  workOnHand: WorkOnHandMeasure;
}

export const TEN_PERCENT = new Dec('0.10');

export interface CompositionLine {
  key: GlRole | 'provision_for_loss';
  label: string;
  /** Positive for an asset in current assets and for a liability in current liabilities. */
  amount: Dec;
  from: 'gl' | 'wip';
  accounts: string | null;
}

export interface WorkingCapital {
  assets: CompositionLine[];
  liabilities: CompositionLine[];
  currentAssets: Dec;
  currentLiabilities: Dec;
  workingCapital: Dec;
  /** null when no equity account is mapped (or it has no balance as of the date). */
  equity: Dec | null;
}

const ASSET_ROLES: [GlRole, string][] = [
  ['cash', 'Cash'],
  ['accounts_receivable', 'Accounts receivable'],
  ['retainage_receivable', 'Retainage receivable'],
  ['other_current_assets', 'Other current assets'],
];
const LIABILITY_ROLES: [GlRole, string][] = [
  ['accounts_payable', 'Accounts payable'],
  ['retainage_payable', 'Retainage payable'],
  ['line_of_credit', 'Line of credit'],
  ['other_current_liabilities', 'Other current liabilities'],
];

/** The WIP's contract position as the balance sheet carries it: open and completed jobs, never netted. */
export interface ContractPosition {
  underBillings: Dec;
  overBillings: Dec;
  provisionForLoss: Dec;
}

export function contractPositionOf(wip: WipSchedule): ContractPosition {
  return {
    underBillings: wip.balanceSheet.underBillings.wip,
    overBillings: wip.balanceSheet.overBillings.wip,
    provisionForLoss: wip.totals.provisionForLoss,
  };
}

/** Working capital from the GL by role plus the WIP's contract position; null when the GL has no balances. */
export function workingCapitalOf(gl: GlByRole, contracts: ContractPosition): WorkingCapital | null {
  const mapped = [...ASSET_ROLES, ...LIABILITY_ROLES].some(([role]) => gl[role] !== undefined);
  if (!mapped) return null;
  const fromGl = ([role, label]: [GlRole, string], sign: 1 | -1): CompositionLine => ({
    key: role,
    label,
    amount: (gl[role]?.balance ?? new Dec(0)).times(sign),
    from: 'gl',
    accounts: gl[role]?.accounts ?? null,
  });
  const assets: CompositionLine[] = [
    ...ASSET_ROLES.map((r) => fromGl(r, 1)),
    {
      key: 'under_billings',
      label: 'Costs and estimated earnings in excess of billings (WIP)',
      amount: contracts.underBillings,
      from: 'wip',
      accounts: null,
    },
  ];
  const liabilities: CompositionLine[] = [
    ...LIABILITY_ROLES.map((r) => fromGl(r, -1)),
    {
      key: 'over_billings',
      label: 'Billings in excess of costs and estimated earnings (WIP)',
      amount: contracts.overBillings,
      from: 'wip',
      accounts: null,
    },
    {
      key: 'provision_for_loss',
      label: 'Provision for anticipated losses (WIP)',
      amount: contracts.provisionForLoss,
      from: 'wip',
      accounts: null,
    },
  ];
  const sum = (lines: CompositionLine[]) => lines.reduce((a, l) => a.plus(l.amount), new Dec(0));
  const currentAssets = sum(assets);
  const currentLiabilities = sum(liabilities);
  return {
    assets,
    liabilities,
    currentAssets,
    currentLiabilities,
    workingCapital: currentAssets.minus(currentLiabilities),
    equity: gl.equity ? gl.equity.balance.neg() : null,
  };
}

export interface Capacity {
  singleJobLimit: Dec;
  aggregateLimit: Dec;
  workOnHand: Dec;
  /** Aggregate limit − work on hand; negative when the work on hand exceeds the aggregate. */
  available: Dec;
}

export function capacityOf(workingCapital: Dec, workOnHand: Dec, settings: BondingSettings): Capacity {
  const singleJobLimit = Dec.max(workingCapital, 0).times(settings.singleMultiplier);
  const aggregateLimit = singleJobLimit.times(settings.aggregateMultiplier);
  return { singleJobLimit, aggregateLimit, workOnHand, available: aggregateLimit.minus(workOnHand) };
}

export interface TenPercentTest {
  costToComplete: Dec;
  /** 10 % of the cost to complete all work on hand. */
  required: Dec;
  workingCapitalPasses: boolean;
  /** null when equity is unknown. */
  equityPasses: boolean | null;
  passes: boolean;
}

export function tenPercentTest(wc: Dec, equity: Dec | null, costToComplete: Dec): TenPercentTest {
  const required = costToComplete.times(TEN_PERCENT);
  const workingCapitalPasses = wc.gte(required);
  const equityPasses = equity === null ? null : equity.gte(required);
  return {
    costToComplete,
    required,
    workingCapitalPasses,
    equityPasses,
    passes: workingCapitalPasses && equityPasses === true,
  };
}
