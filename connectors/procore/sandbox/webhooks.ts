/**
 * Webhooks as Procore sends them (official-docs/plan_your_app/webhooks.md, webhooks_api.md): hooks created with
 * `POST /rest/v1.0/webhooks/hooks` (company or project scope, `destination_url`, `destination_headers`),
 * triggers per resource name and event type, and for every change made after seeding one event POSTed to
 * each matching hook with its headers. Payload v2.0 (legacy) by default, v4.0 when the hook asks for it.
 *
 * Delivery is at least once: a non-2xx answer, a timeout (5 s) or a refused connection is retried with
 * exponential backoff from 1 second up to 1 hour, on the sandbox's clock, and after 12 hours of failures the
 * event is discarded. Tests call `deliver()` to send what is due (time moves only on their clock), and may
 * ask for every event twice or for the newest first, to hold the receiver to duplicates and disorder.
 *
 * Resource names follow Procore's where the reference shows them ("Direct Costs", "Direct Cost Line Items",
 * "Purchase Order Contract Line Items"), the others by the same pattern; tieout's receiver uses only the
 * project, the event type and the ids.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import type { Clock } from '../../clock.ts';
import type { SandboxData, SandboxRecord } from './data.ts';

export interface SandboxHook {
  id: number;
  companyId: string | null;
  projectId: string | null;
  apiVersion: string;
  namespace: string;
  destinationUrl: string;
  destinationHeaders: Record<string, string>;
  triggers: { id: number; resourceName: string; eventType: string }[];
}

interface Delivery {
  hook: SandboxHook;
  event: Record<string, unknown>;
  firstAt: number;
  nextAt: number;
  attempts: number;
}

export interface DeliveryRecord {
  hookId: number;
  event: Record<string, unknown>;
  status: number | null;
  outcome: 'ok' | 'retried' | 'discarded';
  at: number;
}

const RESOURCE_NAMES: Record<string, string> = {
  projects: 'Projects',
  cost_codes: 'Cost Codes',
  budget_views: 'Budget Views',
  detail_rows: 'Budget Line Items',
  budget_adjustments: 'Budget Changes',
  prime_contracts: 'Prime Contracts',
  payment_applications: 'Payment Applications',
  work_order_contracts: 'Work Order Contracts',
  work_order_contracts_lines: 'Work Order Contract Line Items',
  purchase_order_contracts: 'Purchase Order Contracts',
  purchase_order_contracts_lines: 'Purchase Order Contract Line Items',
  prime_change_orders: 'Prime Change Orders',
  prime_change_orders_lines: 'Prime Change Order Line Items',
  commitment_change_orders: 'Commitment Change Orders',
  commitment_change_orders_lines: 'Commitment Change Order Line Items',
  requisitions: 'Requisitions',
  direct_costs: 'Direct Costs',
  direct_cost_lines: 'Direct Cost Line Items',
  vendors: 'Vendors',
  vendors_inactive: 'Vendors',
};

const HOUR = 3_600_000;

export class SandboxWebhooks {
  readonly hooks: SandboxHook[] = [];
  /** Every attempt made, in order (what Procore's deliveries list shows). */
  readonly deliveries: DeliveryRecord[] = [];
  /** Test switches: send every event twice; send the newest first. */
  readonly behaviour = { duplicate: false, newestFirst: false };
  private queue: Delivery[] = [];
  private seq = 0;

  constructor(
    private readonly data: SandboxData,
    private readonly clock: Clock,
  ) {
    data.listeners.push((rec, change) => this.onChange(rec, change));
  }

  createHook(scope: { companyId: string | null; projectId: string | null }, hook: Record<string, unknown>) {
    const h: SandboxHook = {
      id: 70_000 + this.hooks.length + 1,
      ...scope,
      apiVersion: String(hook.api_version ?? 'v2'),
      namespace: String(hook.namespace ?? ''),
      destinationUrl: String(hook.destination_url ?? ''),
      destinationHeaders: Object.fromEntries(
        Object.entries((hook.destination_headers as Record<string, unknown>) ?? {}).map(([k, v]) => [
          k,
          String(v),
        ]),
      ),
      triggers: [],
    };
    this.hooks.push(h);
    return h;
  }

  /** Events waiting for delivery (not yet answered 2xx, not discarded). */
  get pending(): number {
    return this.queue.length;
  }

  /** Sends every delivery that is due on the sandbox's clock; returns how many were answered 2xx. */
  async deliver(): Promise<number> {
    const now = this.clock.now();
    const due = this.queue.filter((d) => d.nextAt <= now);
    this.queue = this.queue.filter((d) => d.nextAt > now);
    if (this.behaviour.newestFirst) due.reverse();
    let ok = 0;
    for (const d of due) {
      const times = this.behaviour.duplicate ? 2 : 1;
      let status: number | null = null;
      for (let i = 0; i < times; i++) status = await this.post(d);
      const done = status !== null && status >= 200 && status < 300;
      d.attempts++;
      if (done) {
        ok++;
        this.deliveries.push({ hookId: d.hook.id, event: d.event, status, outcome: 'ok', at: now });
        continue;
      }
      if (now - d.firstAt >= 12 * HOUR) {
        this.deliveries.push({ hookId: d.hook.id, event: d.event, status, outcome: 'discarded', at: now });
        continue;
      }
      this.deliveries.push({ hookId: d.hook.id, event: d.event, status, outcome: 'retried', at: now });
      d.nextAt = now + Math.min(HOUR, 1000 * 2 ** (d.attempts - 1));
      this.queue.push(d);
    }
    return ok;
  }

  private async post(d: Delivery): Promise<number | null> {
    try {
      const res = await request(d.hook.destinationUrl, {
        method: 'POST',
        headers: { ...d.hook.destinationHeaders, 'content-type': 'application/json' },
        body: JSON.stringify(d.event),
        headersTimeout: 5_000,
        bodyTimeout: 5_000,
      });
      await res.body.dump();
      return res.statusCode;
    } catch {
      return null;
    }
  }

  private onChange(rec: SandboxRecord, change: 'create' | 'update' | 'delete') {
    if (this.hooks.length === 0) return;
    const collection = rec.key.split(':')[0]!;
    const resourceName = RESOURCE_NAMES[collection] ?? collection;
    const projectId = this.projectOf(rec);
    for (const hook of this.hooks) {
      if (hook.projectId && hook.projectId !== projectId) continue;
      if (!hook.triggers.some((t) => t.resourceName === resourceName && t.eventType === change)) continue;
      const now = this.clock.now();
      this.queue.push({
        hook,
        event: this.payload(hook, rec, resourceName, change, projectId),
        firstAt: now,
        nextAt: now,
        attempts: 0,
      });
    }
  }

  private payload(
    hook: SandboxHook,
    rec: SandboxRecord,
    resourceName: string,
    change: string,
    projectId: string | null,
  ): Record<string, unknown> {
    const ulid = newUlid(this.clock.now());
    const timestamp = new Date(this.clock.now()).toISOString().replace('Z', '000Z');
    const user = 1_469_242;
    if (hook.apiVersion.startsWith('v4')) {
      return {
        id: ulid,
        timestamp,
        reason: change,
        company_id: this.data.companyId,
        project_id: projectId,
        user_id: String(user),
        resource_type: resourceName,
        resource_id: rec.id,
      };
    }
    const num = (id: string | null) =>
      id === null ? null : Number.isSafeInteger(Number(id)) ? Number(id) : id;
    return {
      id: 11_301_387_632 + ++this.seq,
      ulid,
      timestamp,
      metadata: {
        source_user_id: user,
        source_project_id: num(projectId),
        source_operation_id: null,
        source_company_id: num(this.data.companyId),
        source_application_id: null,
      },
      user_id: user,
      company_id: num(this.data.companyId),
      project_id: num(projectId),
      api_version: 'v2',
      event_type: change,
      resource_name: resourceName,
      resource_id: num(rec.id),
    };
  }

  /** The project a record belongs to: its collection's key names the project, or a parent that does. */
  private projectOf(rec: SandboxRecord, depth = 0): string | null {
    const [collection, owner] = rec.key.split(':');
    if (collection === 'projects') return rec.id;
    if (!owner || depth > 2) return null;
    if (this.data.find('projects', owner)) return owner;
    for (const [key, list] of this.data.collections) {
      if (key === rec.key || key.startsWith('projects')) continue;
      const parent = list.find((r) => r.id === owner);
      if (parent) return this.projectOf(parent, depth + 1);
    }
    return null;
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 26-character ULID: 48 bits of milliseconds, 80 random bits. */
function newUlid(ms: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD[bytes[i]! % 32];
  return time + rand;
}
