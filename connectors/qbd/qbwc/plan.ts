/**
 * A session's read, planned as a queue of qbXML requests, one per sendRequestXML: every entity in ENTITIES
 * order (lists first) with an iterator of MaxReturned records a page, then deletions (ListDeletedQuery,
 * TxnDeletedQuery) and the Job Estimates vs Actuals Summary. An incremental session asks each entity only for
 * what changed since the newest TimeModified the last complete session saw (QuickBooks' own clock and format,
 * so clock skew between the two machines cannot lose a change); a full sweep (the first session, then every
 * `fullSweepDays`) reads everything and replaces the copy. The plan is data, persisted with the session.
 */
import { ENTITIES, entity, entityOfListDelType, LIST_DEL_TYPES, TXN_DEL_TYPES } from '../qbxml/entities.ts';
import { deletedRequest, jobReportRequest, type QbRequest, queryRequest } from '../qbxml/requests.ts';
import type { QbResponse } from '../qbxml/responses.ts';
import { text } from '../qbxml/xml.ts';
import { instant } from '../sandbox/qbxml-server.ts';
import type { CompanyState } from '../store.ts';

export type Step =
  | { kind: 'query'; entity: string }
  | { kind: 'deleted'; family: 'List' | 'Txn' }
  | { kind: 'report' };

export interface Plan {
  full: boolean;
  steps: Step[];
  index: number;
  /** The page being read of the current step's iterator. */
  page: number;
  iteratorId?: string;
  /** Watermarks of the last complete session (what this session asks from). */
  from: Record<string, string>;
  /** Watermarks this session has seen so far (saved when it completes). */
  seen: Record<string, string>;
  counts: Record<string, number>;
}

export interface PlanOptions {
  pageSize: number;
  fullSweepDays: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { pageSize: 500, fullSweepDays: 7 };

export function newPlan(state: CompanyState | undefined, now: Date, o: PlanOptions): Plan {
  const full = !state || now.getTime() - Date.parse(state.fullAt) >= o.fullSweepDays * 86_400_000;
  const steps: Step[] = ENTITIES.map((e) => ({ kind: 'query', entity: e.name }) as Step);
  if (!full) steps.push({ kind: 'deleted', family: 'List' }, { kind: 'deleted', family: 'Txn' });
  steps.push({ kind: 'report' });
  return {
    full,
    steps,
    index: 0,
    page: 0,
    from: full ? {} : { ...(state?.watermarks ?? {}) },
    seen: { ...(state?.watermarks ?? {}) },
    counts: {},
  };
}

/** The next request of the plan, or undefined when the read is done. */
export function nextRequest(plan: Plan, o: PlanOptions): QbRequest | undefined {
  const step = plan.steps[plan.index];
  if (!step) return undefined;
  const requestId = `${plan.index}.${plan.page}`;
  if (step.kind === 'query') {
    const spec = entity(step.entity);
    return queryRequest(spec, {
      requestId,
      maxReturned: o.pageSize,
      fromModified: plan.from[step.entity],
      iteratorId: plan.iteratorId,
      customFields: spec.ownerId,
    });
  }
  if (step.kind === 'deleted') {
    const key = `deleted:${step.family}`;
    return deletedRequest(
      step.family,
      step.family === 'List' ? LIST_DEL_TYPES : TXN_DEL_TYPES,
      requestId,
      plan.from[key],
    );
  }
  return jobReportRequest(requestId);
}

export function progress(plan: Plan): number {
  if (plan.index >= plan.steps.length) return 100;
  return Math.min(99, Math.floor((plan.index * 100) / plan.steps.length));
}

export interface StagedRecord {
  entity: string;
  id: string;
  ret: string;
  /** null: the record was deleted in QuickBooks. */
  node: QbResponse['rets'][number]['node'] | null;
}

const later = (a: string | undefined, b: string) => (a === undefined || instant(b) > instant(a) ? b : a);

/**
 * Takes the response to the plan's current request: the records to stage, and the plan moved on (the next
 * page of the iterator, or the next step).
 */
export function takeResponse(plan: Plan, rs: QbResponse): StagedRecord[] {
  const step = plan.steps[plan.index];
  if (!step) return [];
  const out: StagedRecord[] = [];
  if (step.kind === 'query') {
    const spec = entity(step.entity);
    for (const r of rs.rets) {
      const id = text(r.node, spec.family === 'list' ? 'ListID' : 'TxnID');
      if (!id) continue;
      out.push({ entity: spec.name, id, ret: r.name, node: r.node });
      const modified = text(r.node, 'TimeModified');
      if (modified) plan.seen[spec.name] = later(plan.seen[spec.name], modified);
    }
    plan.counts[spec.name] = (plan.counts[spec.name] ?? 0) + out.length;
    if (spec.iterator && rs.iteratorId && (rs.iteratorRemainingCount ?? 0) > 0) {
      plan.iteratorId = rs.iteratorId;
      plan.page++;
      return out;
    }
  } else if (step.kind === 'deleted') {
    const key = `deleted:${step.family}`;
    for (const r of rs.rets) {
      const type = text(r.node, `${step.family}DelType`) ?? '';
      const spec =
        step.family === 'List'
          ? entityOfListDelType(type)
          : ENTITIES.find((e) => e.family === 'txn' && e.deletedTypes.includes(type));
      const id = text(r.node, step.family === 'List' ? 'ListID' : 'TxnID');
      if (!spec || !id) continue;
      out.push({ entity: spec.name, id, ret: r.name, node: null });
      const deleted = text(r.node, 'TimeDeleted');
      if (deleted) plan.seen[key] = later(plan.seen[key], deleted);
    }
    plan.counts[key] = (plan.counts[key] ?? 0) + out.length;
  } else {
    const report = rs.rets.find((r) => r.name === 'ReportRet');
    if (report) out.push({ entity: 'JobReport', id: 'report', ret: 'ReportRet', node: report.node });
  }
  plan.index++;
  plan.page = 0;
  plan.iteratorId = undefined;
  return out;
}
