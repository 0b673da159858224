/**
 * Procore webhooks as change signals (official-docs/plan_your_app/webhooks.md, webhooks_api.md).
 *
 * Procore POSTs one event per change to `POST /webhooks/procore` with the `Authorization` header configured on
 * the hook (`destination_headers`). tieout checks it against the company's configured secret, keeps the
 * event in the company's inbox (a JSON-lines file per month in the data directory) and answers 204 at once.
 * A nightly run then reads only the projects that events named since the last published run; the others are
 * replayed from the connector's state, and the periodic full sweep still reads everything.
 *
 * Events only say *that* a project changed, never what it now holds: the run reads the project's lists
 * from Procore as they are. So duplicates (Procore delivers at least once) and events arriving out of order
 * or hours late (it retries with backoff for up to 12 hours) change nothing but which projects are read.
 * A delete event makes the run read that project's lists in full, so a deletion Procore's list filters cannot
 * show (requisitions, direct costs) still leaves the snapshot.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { sameSecret } from '../secrets.ts';

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

/** Payload v2.0 (legacy) and v3.0: numeric ids, `event_type`, `resource_name`, a `ulid`. */
const legacyEvent = z.looseObject({
  id: z.union([z.number(), z.string()]),
  ulid: z.string().optional(),
  timestamp: z.string().min(1),
  company_id: id,
  project_id: id.nullish(),
  event_type: z.string().min(1),
  resource_name: z.string().min(1),
  resource_id: id,
});
/** Payload v4.0: string ids, `reason` for `event_type`, `resource_type` for `resource_name`, the ULID as `id`. */
const v4Event = z.looseObject({
  id: z.string().min(1),
  timestamp: z.string().min(1),
  reason: z.string().min(1),
  company_id: id,
  project_id: id.nullish(),
  resource_type: z.string().min(1),
  resource_id: id,
});

/** One event as kept in the inbox, whichever payload version delivered it. */
export interface InboxEvent {
  /** The event's identity across redeliveries: its ULID (v2/v3 `ulid`, v4 `id`), else its id. */
  key: string;
  companyId: string;
  projectId: string | null;
  resource: string;
  resourceId: string;
  /** create, update, delete (v4 may send other reasons). */
  type: string;
  /** When it happened in Procore. */
  at: string;
  /** When tieout accepted it: runs consider events by this instant. */
  receivedAt: string;
}

export type ParsedEvent = { ok: true; event: Omit<InboxEvent, 'receivedAt'> } | { ok: false; error: string };

export function parseEvent(body: unknown): ParsedEvent {
  const v4 = v4Event.safeParse(body);
  if (v4.success && !('event_type' in (body as object))) {
    const e = v4.data;
    return {
      ok: true,
      event: {
        key: e.id,
        companyId: e.company_id,
        projectId: e.project_id ?? null,
        resource: e.resource_type,
        resourceId: e.resource_id,
        type: e.reason,
        at: e.timestamp,
      },
    };
  }
  const legacy = legacyEvent.safeParse(body);
  if (!legacy.success) {
    const issue = legacy.error.issues[0];
    return {
      ok: false,
      error: `not a Procore webhook event: field ${issue?.path.map(String).join('.') || '(body)'}: ${issue?.message ?? 'unreadable'}`,
    };
  }
  const e = legacy.data;
  return {
    ok: true,
    event: {
      key: e.ulid ?? String(e.id),
      companyId: e.company_id,
      projectId: e.project_id ?? null,
      resource: e.resource_name,
      resourceId: e.resource_id,
      type: e.event_type,
      at: e.timestamp,
    },
  };
}

/**
 * A company's inbox: `procore-webhooks/<YYYY-MM>.jsonl` under its data folder, one accepted event per line,
 * appended and synced before the receiver answers. Months older than `keepMonths` are removed when a run
 * reads the inbox (no one appends to a past month, so removing one races with nothing).
 */
export class WebhookInbox {
  constructor(
    readonly dir: string,
    private readonly keepMonths = 2,
  ) {}

  append(event: InboxEvent): void {
    mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${event.receivedAt.slice(0, 7)}.jsonl`);
    const fd = openSync(file, 'a');
    try {
      appendFileSync(fd, `${JSON.stringify(event)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Events received in [from, until), one per key (the first received). A torn last line is skipped. */
  between(from: Date, until: Date): InboxEvent[] {
    if (!existsSync(this.dir)) return [];
    const seen = new Set<string>();
    const out: InboxEvent[] = [];
    const firstMonth = from.toISOString().slice(0, 7);
    const lastMonth = until.toISOString().slice(0, 7);
    for (const name of readdirSync(this.dir)
      .filter((n) => /^\d{4}-\d{2}\.jsonl$/.test(n))
      .sort()) {
      const month = name.slice(0, 7);
      if (month < firstMonth || month > lastMonth) continue;
      for (const line of readFileSync(path.join(this.dir, name), 'utf8').split('\n')) {
        if (!line) continue;
        let e: InboxEvent;
        try {
          e = JSON.parse(line) as InboxEvent;
        } catch {
          continue; // a line cut short by a crash mid-append: that event was never acknowledged
        }
        const t = Date.parse(e.receivedAt);
        if (t < from.getTime() || t >= until.getTime() || seen.has(e.key)) continue;
        seen.add(e.key);
        out.push(e);
      }
    }
    return out;
  }

  /** Removes months older than `keepMonths` before `now`'s month. */
  prune(now: Date): void {
    if (!existsSync(this.dir)) return;
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - this.keepMonths, 1));
    const oldest = d.toISOString().slice(0, 7);
    for (const name of readdirSync(this.dir)) {
      if (/^\d{4}-\d{2}\.jsonl$/.test(name) && name.slice(0, 7) < oldest) rmSync(path.join(this.dir, name));
    }
  }
}

export function inboxFor(dataDir: string, companyId: string): WebhookInbox {
  return new WebhookInbox(path.join(dataDir, companyId, 'procore-webhooks'));
}

/** A tieout company whose Procore connector takes webhooks: its Procore company id and expected header. */
export interface WebhookReceiver {
  tieoutCompanyId: string;
  procoreCompanyId: string;
  authorization: string;
}

export interface WebhookAnswer {
  status: 204 | 400 | 401;
  error?: string;
}

/**
 * Accepts one delivery: the event must name a Procore company one tieout company takes webhooks from, and
 * carry that company's configured `Authorization` header (compared in constant time). An unknown company and
 * a wrong header get the same 401, so the endpoint tells a stranger nothing.
 */
export function receiveProcoreWebhook(
  receivers: readonly WebhookReceiver[],
  dataDir: string,
  authorization: string | undefined,
  body: unknown,
  now: Date,
): WebhookAnswer {
  const parsed = parseEvent(body);
  if (!parsed.ok) return { status: 400, error: parsed.error };
  const receiver = receivers.find((r) => r.procoreCompanyId === parsed.event.companyId);
  if (!receiver || authorization === undefined || !sameSecret(authorization, receiver.authorization)) {
    return {
      status: 401,
      error: 'the Authorization header does not match the one configured for this Procore company',
    };
  }
  inboxFor(dataDir, receiver.tieoutCompanyId).append({ ...parsed.event, receivedAt: now.toISOString() });
  return { status: 204 };
}

/** What a run learns from the inbox: projects to read as changed, and those with a deletion (read in full). */
export interface ChangeSignals {
  events: number;
  changed: Set<string>;
  deleted: Set<string>;
}

export function changeSignals(events: readonly InboxEvent[], procoreCompanyId: string): ChangeSignals {
  const changed = new Set<string>();
  const deleted = new Set<string>();
  let n = 0;
  for (const e of events) {
    if (e.companyId !== procoreCompanyId) continue;
    n++;
    if (!e.projectId) continue; // company-level resources: their lists are read every run anyway
    changed.add(e.projectId);
    if (e.type === 'delete') deleted.add(e.projectId);
  }
  return { events: n, changed, deleted };
}
