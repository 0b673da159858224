/**
 * Backlog two ways, per open job and in total (shared/reference/domain §1.2): revenue still to be earned
 * (C − earned, "revenue to be earned") and cost to complete (EAC − CTD, the backlog sureties measure), and the
 * contracts-in-progress roll-up as financial-statement notes publish it:
 *
 *   costs incurred on uncompleted contracts + estimated earnings thereon (earned − cost) = earned revenue
 *   − billings to date = net, carried gross as the asset (costs and estimated earnings in excess of billings)
 *   and the liability (billings in excess of costs and estimated earnings), never netted across jobs.
 *
 * Both read the WIP's open jobs, so every figure is the schedule's own.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { WipJobLine, WipSchedule } from '../wip/types.ts';

export interface BacklogJob {
  jobNumber: string;
  jobName: string;
  contractAmount: Dec;
  earnedRevenue: Dec;
  percentComplete: Dec;
  revenueToBeEarned: Dec;
  /** null for a job without a usable estimate: its cost to complete is unknown. */
  costToComplete: Dec | null;
}

export interface Backlog {
  jobs: BacklogJob[];
  revenueToBeEarned: Dec;
  /** Σ over jobs with an estimate. */
  costToComplete: Dec;
  /** Jobs left out of the cost-to-complete total (no usable estimate). */
  withoutEstimate: string[];
}

const sum = <T>(items: T[], pick: (t: T) => Dec | null) =>
  items.reduce((acc, t) => acc.plus(pick(t) ?? 0), new Dec(0));

export function backlogOf(wip: WipSchedule): Backlog {
  const jobs = wip.jobs.map((l: WipJobLine) => ({
    jobNumber: l.jobNumber,
    jobName: l.jobName,
    contractAmount: l.contractAmount,
    earnedRevenue: l.earnedRevenue,
    percentComplete: l.percentComplete,
    revenueToBeEarned: l.revenueToBeEarned,
    costToComplete: l.costToComplete,
  }));
  return {
    jobs,
    revenueToBeEarned: sum(jobs, (j) => j.revenueToBeEarned),
    costToComplete: sum(jobs, (j) => j.costToComplete),
    withoutEstimate: jobs.filter((j) => j.costToComplete === null).map((j) => j.jobNumber),
  };
}

export interface ContractsInProgress {
  costsIncurred: Dec;
  estimatedEarnings: Dec;
  /** costs incurred + estimated earnings = earned revenue to date. */
  earnedToDate: Dec;
  billingsToDate: Dec;
  /** earned − billed: positive = net asset. */
  net: Dec;
  /** Costs and estimated earnings in excess of billings (the asset, gross). */
  costsInExcessOfBillings: Dec;
  /** Billings in excess of costs and estimated earnings (the liability, gross, positive). */
  billingsInExcessOfCosts: Dec;
}

export function contractsInProgressOf(wip: WipSchedule): ContractsInProgress {
  const open = wip.jobs;
  const costsIncurred = sum(open, (l) => l.costToDate);
  const earnedToDate = sum(open, (l) => l.earnedRevenue);
  const billingsToDate = sum(open, (l) => l.billedToDate);
  return {
    costsIncurred,
    estimatedEarnings: earnedToDate.minus(costsIncurred),
    earnedToDate,
    billingsToDate,
    net: earnedToDate.minus(billingsToDate),
    costsInExcessOfBillings: sum(open, (l) => l.underBilling),
    billingsInExcessOfCosts: sum(open, (l) => l.overBilling),
  };
}
