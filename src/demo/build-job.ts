/** Builds one job's facts from its plan: scope, then costs and billings, then the PM forecast and queue. */
import { buildBillings, buildForecast } from './build-billing.ts';
import { buildDirectCosts } from './build-costs.ts';
import { buildInvoices } from './build-invoices.ts';
import {
  type BuildContext,
  buildBudget,
  buildChangeOrders,
  buildCommitments,
  codesForJob,
} from './build-scope.ts';
import type { JobFacts, SyncItemFact } from './facts.ts';
import { sageJobId } from './ids.ts';
import type { JobPlan } from './plan.ts';
import type { PlantId } from './plants/index.ts';
import { createRng, type Rng } from './random.ts';

/** Codes a planted case needs on its job. */
const REQUIRED_CODES: Partial<Record<PlantId, string[]>> = {
  'vendor-without-erp-id': ['21-000'],
  'steel-escalation': ['05-120'],
  'budget-keyed-short': ['09-250'],
  'loss-job': ['05-120', '09-250'],
};

const APPROVERS = ['Dana Whitfield', 'Marcus Oyelaran', 'Priya Raman'];

export function buildJob(plan: JobPlan, ctx: BuildContext): JobFacts {
  const rng = createRng(ctx.seed, `job:${plan.index}`);
  const plant = plan.role.kind === 'clean' ? undefined : plan.role.plant;
  const codes = codesForJob(plan, rng, ctx.scale.costCodesPerJob, (plant && REQUIRED_CODES[plant]) ?? []);
  const budget = buildBudget(plan, rng, codes);
  const commitments = buildCommitments(plan, rng, budget, ctx);
  const changeOrders = buildChangeOrders(plan, rng, budget, commitments, ctx);
  const invoices = buildInvoices(plan, rng, commitments, changeOrders, ctx);
  const directCosts = buildDirectCosts(plan, rng, { budget, commitments, changeOrders }, ctx);
  const billings = buildBillings(plan, rng, changeOrders, ctx);
  const facts: JobFacts = {
    index: plan.index,
    ids: { pm: ctx.ids.pm('project'), erp: sageJobId(plan.number) },
    number: plan.number,
    name: plan.name,
    phase: plan.phase,
    status: plan.status,
    startDate: plan.startDate,
    plannedCompletion: plan.plannedCompletion,
    completionDate: plan.completionDate,
    sageCodes: plan.sageCodes,
    linked: !(plan.role.kind === 'clean' && plan.role.note === 'job-map'),
    contract: {
      ids: { pm: ctx.ids.pm('prime_contract'), erp: sageJobId(plan.number) },
      number: `PC-${plan.number}`,
      original: plan.contractOriginal,
      executedDate: plan.executedDate,
    },
    budget,
    changeOrders,
    commitments,
    invoices,
    directCosts,
    billings,
    forecastToComplete: new Map(),
    sync: [],
  };
  facts.forecastToComplete = buildForecast(plan, rng, facts);
  facts.sync = acceptedSyncItems(facts, rng, ctx);
  return facts;
}

/** The integration's history: every exported commitment and approved change order was accepted. */
function acceptedSyncItems(facts: JobFacts, rng: Rng, ctx: BuildContext): SyncItemFact[] {
  const items: SyncItemFact[] = [];
  for (const c of facts.commitments)
    items.push({
      id: ctx.ids.pm('sync_item'),
      itemType: 'commitment',
      recordId: c.ids.pm,
      itemNumber: c.number,
      submittedDate: c.executedDate,
      status: 'accepted',
      approver: rng.pick(APPROVERS),
      message: null,
    });
  for (const co of facts.changeOrders)
    if (co.status === 'approved')
      items.push({
        id: ctx.ids.pm('sync_item'),
        itemType: 'change_order',
        recordId: co.ids.pm,
        itemNumber: co.number,
        submittedDate: co.approvedDate!,
        status: 'accepted',
        approver: rng.pick(APPROVERS),
        message: null,
      });
  return items;
}

export { APPROVERS };
