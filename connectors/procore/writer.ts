/**
 * The Procore writer: performs approved writes through `/sync` actions, exactly once.
 *
 * Exactly once rests on two things. Every write carries the proposal's idempotency key as `origin_id`
 * (a sync upserts by origin_id, so a retry updates instead of creating), and before writing the writer asks
 * Procore whether an earlier attempt already landed (`findApplied`): a crash between Procore's answer and
 * tieout recording it, or a retry, finds the record and reports `already_applied` without writing again.
 *
 * A writer call is one attempt: it never retries on its own. The executor decides (transient failures are
 * retried with backoff, the rest are recorded as failed for a person to read). This is the only Procore
 * writer: linking by origin_id is here, the cost-code writes are in write-codes.ts.
 */

import { request } from 'undici';
import type { Clock } from '../clock.ts';
import { type ConnectorLogger, SourceError, type WriteRequest, type WriteResult } from '../contract.ts';
import type { TokenProvider } from './auth.ts';
import type { ProcoreTuning } from './config.ts';
import { ProcoreHttp } from './http.ts';
import { parseJsonExact } from './json.ts';
import {
  type Item,
  type ProcoreWriteClient,
  refused,
  type SyncAnswer,
  syncRefusal,
  writeCostCode,
  writeDirectCost,
} from './write-codes.ts';
import {
  PROCORE_WRITE_OPERATIONS,
  type ProcoreCostCodePayload,
  type ProcoreDirectCostPayload,
  type ProcoreLinkPayload,
} from './write-payloads.ts';

export interface ProcoreWriterOptions {
  apiBaseUrl: string;
  companyId: string;
  tokens: TokenProvider;
  tuning: ProcoreTuning;
  clock?: Clock;
}

type Ctx = { signal: AbortSignal; log: ConnectorLogger };

/** Procore answers that no retry can change: the record or project is gone, or the app may not write there. */
const PERMANENT = new Set(['procore_not_found', 'procore_forbidden', 'procore_unauthorized']);

export class ProcoreWriter {
  constructor(private readonly o: ProcoreWriterOptions) {}

  async write(req: WriteRequest, ctx: Ctx): Promise<WriteResult> {
    const schema = PROCORE_WRITE_OPERATIONS[req.operation as keyof typeof PROCORE_WRITE_OPERATIONS];
    if (!schema) {
      return {
        status: 'failed',
        transient: false,
        error: `Procore has no write operation "${req.operation}"`,
      };
    }
    const parsed = schema.safeParse(req.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return {
        status: 'failed',
        transient: false,
        error: `the payload of proposal ${req.proposalId} is not a valid ${req.operation}: ${issue.path.join('.')}: ${issue.message}`,
      };
    }
    try {
      const client = this.client(ctx);
      if (req.operation === 'procore.link') return await this.link(parsed.data as ProcoreLinkPayload, ctx);
      if (req.operation === 'procore.cost_code.create')
        return await writeCostCode(client, req.idempotencyKey, parsed.data as ProcoreCostCodePayload);
      return await writeDirectCost(client, req.idempotencyKey, parsed.data as ProcoreDirectCostPayload);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof SourceError && PERMANENT.has(e.code)) return refused(message);
      // Network failures, timeouts and 5xx are worth another attempt; the earlier-attempt check makes it safe.
      return { status: 'failed', transient: !(e instanceof PermanentWriteError), error: message };
    }
  }

  /** Sets origin_id on an existing record; already done when the record carries that origin_id. */
  private async link(p: ProcoreLinkPayload, ctx: Ctx): Promise<WriteResult> {
    const current = await this.getOne(showPath(p), ctx);
    if (
      current.origin_id === p.origin_id &&
      (p.origin_code === undefined || current.origin_code === p.origin_code)
    ) {
      return { status: 'already_applied', targetIds: [p.id] };
    }
    const item: Record<string, unknown> = { id: rawNumber(p.id), origin_id: p.origin_id };
    if (p.origin_code !== undefined) item.origin_code = p.origin_code;
    const answer = await this.sync(syncPath(p, this.o.companyId), { updates: [item] }, ctx);
    return this.single(answer, p.id);
  }

  private client(ctx: Ctx): ProcoreWriteClient {
    return {
      companyId: this.o.companyId,
      getAll: (path, tool) => this.getAll(path, tool, ctx),
      sync: (path, body) => this.sync(path, body, ctx),
      raw: rawNumber,
    };
  }

  private single(answer: SyncAnswer, what: string): WriteResult {
    if (answer.errors.length > 0) return syncRefusal(answer.errors, what);
    const entity = answer.entities[0];
    if (!entity)
      return {
        status: 'failed',
        transient: true,
        error: `Procore answered the sync of ${what} with no entity`,
      };
    return { status: 'applied', targetIds: [String(entity.id)] };
  }

  private http(ctx: Ctx): ProcoreHttp {
    return new ProcoreHttp({
      apiBaseUrl: this.o.apiBaseUrl,
      companyId: this.o.companyId,
      tokens: this.o.tokens,
      tuning: this.o.tuning,
      stats: {},
      log: ctx.log,
      signal: ctx.signal,
      clock: this.o.clock,
    });
  }

  private async getOne(path: string, ctx: Ctx): Promise<Record<string, unknown>> {
    const res = await this.http(ctx).get(path, { tool: 'Directory' });
    return res.body as Record<string, unknown>;
  }

  private async getAll(path: string, tool: string, ctx: Ctx): Promise<Item[]> {
    const http = this.http(ctx);
    const out: Item[] = [];
    for (let page = 1; ; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await http.get(`${path}${sep}page=${page}&per_page=1000`, { tool });
      const items = res.body as Item[];
      out.push(...items);
      if (items.length < 1000) return out;
    }
  }

  /** One PATCH …/sync, no retries here. Non-200 answers throw (5xx and network failures are transient). */
  private async sync(path: string, body: unknown, ctx: Ctx): Promise<SyncAnswer> {
    const token = await this.o.tokens.accessToken();
    const res = await request(new URL(path, this.o.apiBaseUrl), {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'procore-company-id': this.o.companyId,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: exactJson(body),
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(this.o.tuning.timeoutMs)]),
    });
    const text = await res.body.text();
    if (res.statusCode === 401) this.o.tokens.invalidate();
    if (
      res.statusCode === 400 ||
      res.statusCode === 403 ||
      res.statusCode === 404 ||
      res.statusCode === 422
    ) {
      throw new PermanentWriteError(
        `Procore answered ${res.statusCode} to PATCH ${path}: ${text.slice(0, 300)}`,
      );
    }
    if (res.statusCode !== 200) throw new Error(`Procore answered ${res.statusCode} to PATCH ${path}`);
    const parsed = parseJsonExact(text) as Partial<SyncAnswer>;
    return { entities: parsed.entities ?? [], errors: parsed.errors ?? [] };
  }
}

class PermanentWriteError extends Error {}

function showPath(p: ProcoreLinkPayload): string {
  if (p.resource === 'projects') return `/rest/v1.0/projects/${p.id}`;
  if (p.resource === 'vendors') return `/rest/v1.0/vendors/${p.id}`;
  return `/rest/v1.0/${p.resource}/${p.id}?project_id=${p.projectId}`;
}

function syncPath(p: ProcoreLinkPayload, companyId: string): string {
  if (p.resource === 'projects' || p.resource === 'vendors')
    return `/rest/v1.0/${p.resource}/sync?company_id=${companyId}`;
  return `/rest/v1.0/${p.resource}/sync?project_id=${p.projectId}`;
}

/** A number written into JSON digit for digit (ids beyond 2^53, amounts) without passing through a float. */
class RawNumber {
  constructor(readonly digits: string) {}
}
function rawNumber(digits: string): RawNumber {
  return new RawNumber(digits);
}

export function exactJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v) => {
    if (v instanceof RawNumber) {
      raws.push(v.digits);
      return `\u0000raw${raws.length - 1}\u0000`;
    }
    return v;
  });
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!);
}
