/**
 * The lists every transaction refers to, resolved once per read: the Customer:Job tree (sub-jobs roll up into
 * their job; a top-level customer without jobs is its own job), cost-code items, classes as cost types,
 * accounts, vendors and retainage.
 */
import { STANDARD_COST_TYPES } from '../../canonical/tables.ts';
import { child, children, type QbNode, ref, text } from '../qbxml/xml.ts';
import type { QbdMapping } from './mapping.ts';
import type { MirrorRecord } from './mirror.ts';

export interface JobInfo {
  id: string;
  node: QbNode;
  number: string;
  name: string;
}

const COST_ACCOUNT_TYPES = new Set(['CostOfGoodsSold', 'Expense', 'OtherExpense']);
const INCOME_ACCOUNT_TYPES = new Set(['Income', 'OtherIncome']);
const CODE_LIKE = /\d/;

/** "2026-015 Eastgate Water…" → ["2026-015", "Eastgate Water…"]. */
export function leadingCode(name: string): [string, string] | undefined {
  const m = /^(\S+)\s+(.+)$/.exec(name.trim());
  if (!m || !CODE_LIKE.test(m[1]!)) return undefined;
  return [m[1]!, m[2]!];
}

export function customField(node: QbNode, name: string | undefined): string | undefined {
  if (!name) return undefined;
  for (const ext of children(node, 'DataExtRet')) {
    if (text(ext, 'DataExtName')?.toLowerCase() === name.toLowerCase()) return text(ext, 'DataExtValue');
  }
  return undefined;
}

export class Lookups {
  readonly jobs = new Map<string, JobInfo>();
  /** Customer or sub-job ListID → job ListID. */
  private readonly jobOfCustomer = new Map<string, string>();
  /** Customer, job or sub-job FullName (lower case) → job ListID: reports name rows by full name. */
  private readonly jobOfFullName = new Map<string, string>();
  readonly costCodeItems = new Map<string, { code: string; description: string | null; node: QbNode }>();
  readonly retainageItems = new Set<string>();
  readonly accounts = new Map<string, QbNode>();
  readonly vendors = new Map<string, QbNode>();
  private readonly classes = new Map<string, string>();
  private readonly itemCodes = new Set<string>();

  constructor(
    private readonly mapping: QbdMapping,
    lists: {
      customers: MirrorRecord[];
      items: MirrorRecord[];
      classes: MirrorRecord[];
      accounts: MirrorRecord[];
      vendors: MirrorRecord[];
    },
  ) {
    for (const a of lists.accounts) this.accounts.set(a.id, a.node);
    for (const v of lists.vendors) this.vendors.set(v.id, v.node);
    for (const c of lists.classes) this.classes.set(c.id, text(c.node, 'FullName') ?? '');
    const retainageNames = new Set(mapping.retainage.items.map((n) => n.toLowerCase()));
    for (const i of lists.items) {
      const name = text(i.node, 'Name') ?? '';
      const full = (text(i.node, 'FullName') ?? name).toLowerCase();
      if (retainageNames.has(full) || retainageNames.has(name.toLowerCase())) {
        this.retainageItems.add(i.id);
        continue;
      }
      const purchase = child(i.node, 'SalesOrPurchase') ?? child(i.node, 'SalesAndPurchase');
      const account = ref(purchase, 'AccountRef') ?? ref(purchase, 'ExpenseAccountRef');
      const accountType = account?.listId
        ? text(this.accounts.get(account.listId), 'AccountType')
        : undefined;
      if (accountType && INCOME_ACCOUNT_TYPES.has(accountType)) continue;
      const lead = leadingCode(name);
      const description = text(purchase, 'Desc') ?? text(purchase, 'PurchaseDesc') ?? lead?.[1] ?? null;
      const code = lead?.[0] ?? name;
      this.costCodeItems.set(i.id, { code, description, node: i.node });
      this.itemCodes.add(code.toLowerCase());
    }
    this.buildJobs(lists.customers);
  }

  private buildJobs(customers: MirrorRecord[]) {
    const byId = new Map(customers.map((c) => [c.id, c.node]));
    const hasChildren = new Set<string>();
    for (const c of customers) {
      const parent = ref(c.node, 'ParentRef')?.listId;
      if (parent) hasChildren.add(parent);
    }
    const jobIdOf = (id: string): string | undefined => {
      let node = byId.get(id);
      let current = id;
      for (let guard = 0; node && guard < 10; guard++) {
        const level = Number(text(node, 'Sublevel') ?? '0');
        if (level === 1) return current;
        if (level === 0) return hasChildren.has(current) ? undefined : current;
        current = ref(node, 'ParentRef')?.listId ?? '';
        node = byId.get(current);
      }
      return undefined;
    };
    for (const c of customers) {
      const job = jobIdOf(c.id);
      if (job) this.jobOfCustomer.set(c.id, job);
      const fullName = text(c.node, 'FullName');
      if (job && fullName) this.jobOfFullName.set(fullName.toLowerCase(), job);
      if (job !== c.id) continue;
      const name = text(c.node, 'Name') ?? '';
      const lead = this.mapping.jobNumber === 'name-prefix' ? leadingCode(name) : undefined;
      // A name cut at QuickBooks' 41 characters continues in the job description; otherwise the
      // description is a description, not the name.
      const rest = lead?.[1] ?? name;
      const desc = text(c.node, 'JobDesc');
      this.jobs.set(c.id, {
        id: c.id,
        node: c.node,
        number: lead?.[0] ?? name,
        name: desc && name.length >= 40 && desc.startsWith(rest) ? desc : rest,
      });
    }
  }

  /** The job a customer, job or sub-job reference belongs to (undefined for a customer that has jobs). */
  jobOf(customerListId: string | undefined): string | undefined {
    return customerListId ? this.jobOfCustomer.get(customerListId) : undefined;
  }

  /** The job a customer, job or sub-job full name ("Owner:Job:Phase 2") belongs to. */
  jobOfName(fullName: string | undefined): string | undefined {
    return fullName ? this.jobOfFullName.get(fullName.toLowerCase()) : undefined;
  }

  costType(classListId: string | undefined): string {
    if (this.mapping.costTypes === 'none' || !classListId) return 'other';
    const name = this.classes.get(classListId);
    if (!name) return 'other';
    const mapped = this.mapping.classCostTypes[name];
    if (mapped) return mapped;
    const lower = name.toLowerCase();
    if ((STANDARD_COST_TYPES as readonly string[]).includes(lower)) return lower;
    return lower.replace(/\s+/g, '_');
  }

  accountType(listId: string | undefined): string | undefined {
    return listId ? text(this.accounts.get(listId), 'AccountType') : undefined;
  }

  isCostAccount(listId: string | undefined): boolean {
    return COST_ACCOUNT_TYPES.has(this.accountType(listId) ?? '');
  }

  isRetainageAccount(listId: string | undefined, fullName: string | undefined): boolean {
    const names = this.mapping.retainage.accounts.map((n) => n.toLowerCase());
    const name = (fullName ?? text(this.accounts.get(listId ?? ''), 'FullName') ?? '').toLowerCase();
    return names.includes(name);
  }

  /** A cost code for an account-based line: the account number, else its name. */
  accountCode(listId: string | undefined, fullName: string | undefined): string {
    const account = this.accounts.get(listId ?? '');
    return text(account, 'AccountNumber') ?? fullName ?? text(account, 'FullName') ?? 'unassigned';
  }

  /** Journal lines carry no item: the cost code leads the line memo when it names a cost-code item. */
  memoCode(memo: string | undefined): string | undefined {
    const first = memo?.trim().split(/\s+/)[0];
    return first && this.itemCodes.has(first.toLowerCase()) ? first : undefined;
  }

  isSubcontractVendor(vendorListId: string | undefined): boolean {
    const vendor = this.vendors.get(vendorListId ?? '');
    if (!vendor) return false;
    const type = text(child(vendor, 'VendorTypeRef'), 'FullName')?.toLowerCase();
    const name = text(vendor, 'Name')?.toLowerCase();
    return (
      (type !== undefined && this.mapping.subcontracts.vendorTypes.some((t) => t.toLowerCase() === type)) ||
      (name !== undefined && this.mapping.subcontracts.vendors.some((v) => v.toLowerCase() === name))
    );
  }
}
