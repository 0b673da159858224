/**
 * Reads one Procore company into canonical records: which endpoints, in which order, full or incremental.
 *
 * Company-wide lists (projects, vendors incl. inactive, line item types, the standard cost code list) are
 * read in full each run; they are a handful of calls. Per project, lists that support
 * `filters[updated_at]` are read incrementally (`last run − 5 min ... now`, with `filters[include_deleted]`
 * where Procore offers it) and merged into the stored items; cost codes, budget detail rows, budget changes and owner
 * invoices have no such filter and are read in full. Line items are fetched only for parents that changed.
 * Every `fullSweepDays` a run reads everything in full, which also removes records deleted where no
 * deletion filter exists. Inactive (archived) projects are read in full once and then replayed from the
 * state until the next sweep: they rarely change, and they are most of a long-standing company's projects.
 */
import type { CanonicalTableName } from '../canonical/tables.ts';
import { type ReadContext, SourceError, type SourceRecord } from '../contract.ts';
import type { ProcoreLiveConfig } from './config.ts';
import type { ProcoreHttp } from './http.ts';
import { ListReader } from './lists.ts';
import { mapBudgetRow } from './map/budget.ts';
import { mapBudgetChanges } from './map/budget-changes.ts';
import {
  mapChangeOrder,
  mapChangeOrderLine,
  mapCommitment,
  mapCommitmentLine,
  mapPrimeContract,
} from './map/contracts.ts';
import { mapDirectCosts } from './map/costs.ts';
import { mapRequisitions } from './map/invoices.ts';
import { Lookups } from './map/lookups.ts';
import { mapOwnerInvoices } from './map/owner-invoices.ts';
import { mapCostCode, mapProject, mapVendor } from './map/reference.ts';
import { type ListedItem, withQuery } from './paginate.ts';
import { lineItemTypePayload, standardCostCodeListPayload } from './payloads.ts';
import { emptyState, idOf, type ProcoreState, readState } from './state.ts';
import { type ChangeSignals, changeSignals, type WebhookInbox } from './webhooks.ts';

type Settings = Pick<ProcoreLiveConfig, 'companyId' | 'projects' | 'budgetView' | 'costTypes' | 'tuning'> & {
  /** The company's webhook inbox, when it takes Procore's webhooks. */
  inbox?: WebhookInbox;
  /** The hook's id in Procore, to ask for discarded deliveries. */
  hookId?: string;
};
export type Tables = Map<CanonicalTableName, SourceRecord[]>;

const OVERLAP_MS = 5 * 60_000;

export class ProcoreReader {
  private readonly out: Tables = new Map();
  private readonly lookups: Lookups;
  private readonly previous: ProcoreState | null;
  private readonly next: ProcoreState;
  readonly full: boolean;
  private readonly lists: ListReader;
  private signals: ChangeSignals | null = null;

  constructor(
    private readonly http: ProcoreHttp,
    private readonly s: Settings,
    private readonly ctx: ReadContext,
  ) {
    this.lookups = new Lookups(s.costTypes);
    this.previous = readState(ctx.previousState, s.companyId);
    const now = ctx.runStartedAt;
    const sweepDue =
      !this.previous ||
      now.getTime() - Date.parse(this.previous.lastFullSweepAt) >= s.tuning.fullSweepDays * 86_400_000;
    this.full = sweepDue;
    this.next = emptyState(s.companyId, now);
    let window: string | undefined;
    if (!sweepDue && this.previous) {
      this.next.lastFullSweepAt = this.previous.lastFullSweepAt;
      const since = new Date(Date.parse(this.previous.lastSyncAt) - OVERLAP_MS).toISOString();
      window = `${since}...${now.toISOString()}`;
    }
    if (s.inbox) {
      this.next.webhooksSince = this.previous?.webhooksSince ?? now.toISOString();
      // Only when the state already took webhooks were events since its run kept: before that, poll.
      if (window && this.previous?.webhooksSince) {
        const from = new Date(Date.parse(this.previous.lastSyncAt) - OVERLAP_MS);
        this.signals = changeSignals(s.inbox.between(from, now), s.companyId);
        s.inbox.prune(now);
        ctx.stats.procore_webhook_events = this.signals.events;
      }
    }
    this.lists = new ListReader(http, s.tuning.perPage, this.previous, this.next, window);
  }

  /**
   * Whether Procore discarded a delivery of the hook since the last run (official-docs/plan_your_app/webhooks.md:
   * after 12 hours of failed retries the queue is flushed). Its event never reached the inbox, so the inbox
   * cannot say which project it named: the run then polls every project. One call.
   */
  private async deliveriesDiscarded(): Promise<boolean> {
    const since = Date.parse(this.previous!.lastSyncAt) - OVERLAP_MS;
    const res = await this.http.get(
      withQuery(`/rest/v1.0/webhooks/hooks/${this.s.hookId}/deliveries`, {
        company_id: this.s.companyId,
        'filters[status]': 'discarded',
        page_size: '1000',
      }),
      { tool: 'Webhooks' },
    );
    const discarded = (Array.isArray(res.body) ? res.body : []).filter((d) => {
      const x = d as { outcome?: unknown; completed_at?: unknown; event?: { timestamp?: unknown } };
      const at = Date.parse(String(x.completed_at ?? x.event?.timestamp ?? ''));
      return x.outcome === 'discarded' && !(at < since);
    });
    this.ctx.stats.procore_webhook_discards = discarded.length;
    if (discarded.length > 0) {
      this.ctx.log.warn(
        { hookId: this.s.hookId, discarded: discarded.length },
        'procore discarded webhook deliveries since the last run; this run polls every project',
      );
    }
    return discarded.length > 0;
  }

  /** What the webhook inbox says of a project; undefined when the run polls (no inbox, or not yet trusted). */
  private signalFor(pid: string): 'quiet' | 'changed' | 'deleted' | undefined {
    if (!this.s.inbox) return undefined;
    if (!this.signals) return 'changed';
    if (this.signals.deleted.has(pid)) return 'deleted';
    return this.signals.changed.has(pid) ? 'changed' : 'quiet';
  }

  async read(): Promise<{ tables: Tables; state: ProcoreState }> {
    const cid = this.s.companyId;
    if (this.signals && this.s.hookId && (await this.deliveriesDiscarded())) this.signals = null;
    const projects = (await this.companyProjects()).filter((p) => this.wanted(p));
    if (Array.isArray(this.s.projects)) {
      const seen = new Set(projects.map(idOf));
      const missing = this.s.projects.filter((id) => !seen.has(id));
      if (missing.length > 0) {
        throw new SourceError(
          'procore_project_not_found',
          `Procore company ${cid} has no project ${missing.join(', ')} visible to this account; check the configured projects and the app's project permissions`,
        );
      }
    }
    this.emit('jobs', projects.map(mapProject));
    const active = await this.lists.list('/rest/v1.0/vendors', { company_id: cid }, 'Directory');
    const inactive = await this.lists.list(`/rest/v1.0/companies/${cid}/vendors/inactive`, {}, 'Directory');
    this.emit('vendors', [
      ...active.map((v) => mapVendor(v, true)),
      ...inactive.map((v) => mapVendor(v, false)),
    ]);
    for (const t of await this.lists.list('/rest/v1.0/line_item_types', { company_id: cid }, 'Admin')) {
      // Cost types map every line's cost type: one unreadable type fails the side rather than mislabel them.
      const p = lineItemTypePayload.safeParse(t.item);
      if (!p.success) throw badLookup(t, p.error.issues[0]);
      this.lookups.lineItemTypes.set(p.data.id, { code: p.data.code ?? null, name: p.data.name ?? null });
    }
    for (const list of await this.lists.list(
      '/rest/v1.0/standard_cost_code_lists',
      { company_id: cid },
      'Admin',
    )) {
      const l = standardCostCodeListPayload.safeParse(list.item);
      if (!l.success) throw badLookup(list, l.error.issues[0]);
      const codes = await this.lists.list(
        '/rest/v1.0/standard_cost_codes',
        { company_id: cid, standard_cost_code_list_id: l.data.id },
        'Admin',
      );
      this.emit(
        'cost_codes',
        codes.map((c) => mapCostCode(c, null, () => {})).filter((r) => r !== null),
      );
    }
    for (const project of projects) {
      const pid = idOf(project);
      const inactive = (project.item as { active?: unknown }).active === false;
      if (this.lists.beginProject(pid, inactive, this.signalFor(pid)) === 'replay') {
        this.ctx.stats.procore_projects_replayed = (this.ctx.stats.procore_projects_replayed ?? 0) + 1;
      }
      await this.readProject(pid);
      this.lists.endProject(pid);
    }
    this.next.lastSyncAt = this.ctx.runStartedAt.toISOString();
    return { tables: this.out, state: this.next };
  }

  private async readProject(pid: string) {
    const cid = this.s.companyId;
    const lk = this.lookups;
    lk.costCodes.clear();
    const costCodes = await this.lists.list('/rest/v1.0/cost_codes', { project_id: pid }, 'Admin', pid);
    this.emit(
      'cost_codes',
      costCodes
        .map((c) => mapCostCode(c, pid, (id, code) => lk.costCodes.set(id, code)))
        .filter((r) => r !== null),
    );

    const viewId = await this.budgetView(pid);
    if (viewId) {
      const rows = await this.lists.list(
        `/rest/v1.0/budget_views/${viewId}/detail_rows`,
        { project_id: pid, budget_row_type: 'all' },
        'Budget',
        pid,
      );
      this.emit(
        'budget_lines',
        rows.map((r) => mapBudgetRow(r, pid, lk)),
      );
    }

    const adjustments = await this.lists.list(
      `/rest/v2.0/companies/${cid}/projects/${pid}/budget_changes/adjustment_line_items`,
      {},
      'Budget',
      pid,
    );
    const budgetChanges = mapBudgetChanges(adjustments, pid, lk);
    this.emit('change_orders', budgetChanges.changeOrders);
    this.emit('change_order_lines', budgetChanges.lines);

    const primes = await this.lists.incremental(
      `prime_contracts:${pid}`,
      '/rest/v1.0/prime_contracts',
      { project_id: pid },
      'Prime Contracts',
      pid,
    );
    this.emit(
      'prime_contracts',
      primes.items.map((p) => mapPrimeContract(p, pid)),
    );
    for (const prime of primes.items) {
      const invoices = await this.lists.list(
        `/rest/v1.0/prime_contracts/${idOf(prime)}/payment_applications`,
        { project_id: pid },
        'Prime Contracts',
        pid,
      );
      this.emit('billings', mapOwnerInvoices(invoices, pid));
    }

    for (const [key, path, kind] of [
      ['work_order_contracts', '/rest/v1.0/work_order_contracts', 'subcontract'],
      ['purchase_order_contracts', '/rest/v1.0/purchase_order_contracts', 'purchase_order'],
    ] as const) {
      const contracts = await this.lists.incremental(
        `${key}:${pid}`,
        path,
        { project_id: pid },
        'Commitments',
        pid,
        { includeDeleted: true },
      );
      this.emit(
        'commitments',
        contracts.items.map((c) => mapCommitment(c, pid, kind)),
      );
      const lines = await this.lists.lines(
        `${key}:${pid}`,
        contracts,
        (id) => `${path}/${id}/line_items`,
        { project_id: pid },
        'Commitments',
        pid,
      );
      for (const [commitmentId, items] of lines)
        this.emit(
          'commitment_lines',
          items.map((l) => mapCommitmentLine(l, commitmentId, lk)),
        );
    }

    for (const [key, kind, v2] of [
      ['prime_change_orders', 'prime', 'prime_change_orders'],
      ['commitment_change_orders', 'commitment', 'commitment_change_orders'],
    ] as const) {
      const cos = await this.lists.incremental(
        `${key}:${pid}`,
        `/rest/v1.0/projects/${pid}/${key}`,
        {},
        'Change Orders',
        pid,
        { paginated: false },
      );
      this.emit(
        'change_orders',
        cos.items.map((c) => mapChangeOrder(c, pid, kind)),
      );
      const lines = await this.lists.lines(
        `${key}:${pid}`,
        cos,
        (id) => `/rest/v2.0/companies/${cid}/projects/${pid}/${v2}/${id}/line_items`,
        {},
        'Change Orders',
        pid,
      );
      for (const [coId, items] of lines)
        this.emit(
          'change_order_lines',
          items.map((l) => mapChangeOrderLine(l, coId, lk)),
        );
    }

    const reqs = await this.lists.incremental(
      `requisitions:${pid}`,
      '/rest/v1.1/requisitions',
      { project_id: pid },
      'Invoicing',
      pid,
    );
    const { payables, lines } = mapRequisitions(reqs.items, pid, lk);
    this.emit('payables', payables);
    this.emit('payable_lines', lines);

    const dcs = await this.lists.incremental(
      `direct_costs:${pid}`,
      `/rest/v1.1/projects/${pid}/direct_costs`,
      {},
      'Direct Costs',
      pid,
    );
    const dcLines = await this.lists.incremental(
      `direct_cost_lines:${pid}`,
      `/rest/v1.0/projects/${pid}/direct_costs/line_items`,
      {},
      'Direct Costs',
      pid,
    );
    this.emit('cost_transactions', mapDirectCosts(dcs.items, dcLines.items, pid, lk));
  }

  /**
   * The company's projects: the run's first call. When Procore refuses it, List Companies (the one call that
   * needs no company) tells a wrong company id from a missing tool permission, and names what the account sees.
   */
  private async companyProjects(): Promise<ListedItem[]> {
    const cid = this.s.companyId;
    try {
      return await this.lists.list('/rest/v1.1/projects', { company_id: cid }, 'Projects');
    } catch (e) {
      if (!(e instanceof SourceError) || e.code !== 'procore_forbidden') throw e;
      const res = await this.http.get('/rest/v1.0/companies', { tool: 'Company' });
      const visible = (Array.isArray(res.body) ? res.body : []) as { id?: unknown; name?: unknown }[];
      if (visible.some((c) => String(c.id) === cid)) throw e;
      const names = visible.map((c) => `${String(c.name)} (${String(c.id)})`).join(', ') || 'none';
      throw new SourceError(
        'procore_company_not_visible',
        `Procore company ${cid} is not among the companies this account can see (${names}); check the configured companyId, and that the app is installed in that company`,
      );
    }
  }

  private async budgetView(pid: string): Promise<string | undefined> {
    const known = this.full ? undefined : this.previous?.budgetViews[pid];
    if (known) {
      this.next.budgetViews[pid] = known;
      return known;
    }
    const views = await this.lists.list('/rest/v1.0/budget_views', { project_id: pid }, 'Budget', pid);
    const pick = this.s.budgetView
      ? views.find((v) => (v.item as { name?: string }).name === this.s.budgetView)
      : views[0];
    if (!pick) {
      this.ctx.log.warn(
        { projectId: pid, budgetView: this.s.budgetView ?? null },
        'procore project has no matching budget view; no budget lines read',
      );
      return undefined;
    }
    this.next.budgetViews[pid] = idOf(pick);
    return idOf(pick);
  }

  private wanted(p: ListedItem): boolean {
    const sel = this.s.projects;
    const item = p.item as { id?: unknown; active?: unknown };
    if (sel === 'all') return true;
    if (sel === 'active') return item.active !== false;
    return sel.includes(String(item.id));
  }

  private emit(table: CanonicalTableName, records: SourceRecord[]) {
    const list = this.out.get(table) ?? [];
    for (const r of records) list.push(r);
    this.out.set(table, list);
  }
}

function badLookup(l: ListedItem, issue: { path: PropertyKey[]; message: string } | undefined): SourceError {
  const field = issue?.path.map(String).join('.') || '(item)';
  return new SourceError(
    'procore_bad_payload',
    `GET ${l.call}: field ${field}: ${issue?.message ?? 'unreadable'}. Nothing was published; run again, and report it if it persists`,
  );
}
