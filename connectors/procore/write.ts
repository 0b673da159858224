/**
 * Approved writes into Procore. One kind is offered so far: linking a Procore record to the ERP's record by
 * setting its `origin_id` (the fix for `vendor.unlinked` and `job.unlinked`), through the sync actions
 * (official-docs/tutorials/using_sync_actions.md): `PATCH /rest/v1.0/vendors/sync` or
 * `/rest/v1.0/projects/sync` with `{company_id, updates: [{id, origin_id}]}`. Passing both id and origin_id
 * is the only way Procore updates an origin_id. The answer is always HTTP 200 with `entities` and `errors`.
 *
 * Idempotent by construction: the record is read first, and a record that already carries the origin_id
 * reports `already_applied`; the update is by id, so a retry cannot create anything.
 */
import { z } from 'zod';
import { SourceError, type WriteRequest, type WriteResult } from '../contract.ts';
import type { ProcoreHttp } from './http.ts';
import { procoreId } from './payloads.ts';

const linkPayload = z
  .object({
    /** The Procore record's id. */
    id: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String),
    /** The ERP's id of the same record. */
    originId: z.string().min(1).max(255),
  })
  .strict();

const syncAnswer = z.looseObject({
  entities: z.array(z.looseObject({ id: procoreId, origin_id: z.string().nullish() })),
  errors: z.array(z.looseObject({ errors: z.unknown().optional() })),
});

const TARGETS = {
  link_vendor: {
    show: (id: string, c: string) => `/rest/v1.0/vendors/${id}?company_id=${c}`,
    sync: '/rest/v1.0/vendors/sync',
    tool: 'Directory',
  },
  link_project: {
    show: (id: string, c: string) => `/rest/v1.0/projects/${id}?company_id=${c}`,
    sync: '/rest/v1.0/projects/sync',
    tool: 'Projects',
  },
} as const;

export const PROCORE_WRITE_OPERATIONS = Object.keys(TARGETS);

export async function writeToProcore(
  http: ProcoreHttp,
  companyId: string,
  request: WriteRequest,
): Promise<WriteResult> {
  const target = TARGETS[request.operation as keyof typeof TARGETS];
  if (!target) {
    return {
      status: 'failed',
      transient: false,
      error: `Procore has no write operation "${request.operation}"; known: ${PROCORE_WRITE_OPERATIONS.join(', ')}`,
    };
  }
  const payload = linkPayload.safeParse(request.payload);
  if (!payload.success) {
    return {
      status: 'failed',
      transient: false,
      error: `the ${request.operation} payload is invalid: ${payload.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    };
  }
  const { id, originId } = payload.data;
  try {
    const current = await http.get(target.show(id, companyId), { tool: target.tool });
    const existing = (current.body as { origin_id?: unknown }).origin_id;
    if (existing === originId) return { status: 'already_applied', targetIds: [id] };
    const res = await http.patch(
      target.sync,
      { company_id: Number(companyId), updates: [{ id: Number(id), origin_id: originId }] },
      { tool: target.tool },
    );
    const answer = syncAnswer.safeParse(res.body);
    if (!answer.success)
      return {
        status: 'failed',
        transient: true,
        error: 'Procore answered the sync without entities/errors',
        detail: res.body,
      };
    if (answer.data.errors.length > 0) {
      return {
        status: 'failed',
        transient: false,
        error: `Procore refused the update: ${JSON.stringify(answer.data.errors[0]!.errors)}`,
        detail: answer.data.errors,
      };
    }
    const entity = answer.data.entities.find((e) => e.id === id);
    if (!entity || entity.origin_id !== originId) {
      return {
        status: 'failed',
        transient: true,
        error: 'Procore did not return the updated record',
        detail: answer.data,
      };
    }
    return { status: 'applied', targetIds: [id] };
  } catch (e) {
    if (e instanceof SourceError) {
      if (e.code === 'procore_not_found') {
        const noun = request.operation === 'link_vendor' ? 'vendor' : 'project';
        return {
          status: 'failed',
          transient: false,
          error: `Procore company ${companyId} has no ${noun} ${id}`,
        };
      }
      return { status: 'failed', transient: e.code === 'procore_unavailable', error: e.message };
    }
    throw e;
  }
}
