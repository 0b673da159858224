/**
 * Renders a canonical dataset (ERP side) into Sage 100 Contractor's tables: jobs with contracts, cost codes
 * and types, vendors, budgets with one money column per cost type, job cost (voids kept as status 2), owner
 * billings (with sales tax, retention releases as negative retention — every second release-only billing on
 * a memo invoice — and a memo deposit the connector must leave out) and GL balances. Commitments,
 * change orders and payables are in render-documents.ts.
 *
 * Everything the sandbox adds beyond the dataset reads back as the same canonical rows: some jobs are spread
 * over two phases (rolled up they sum to the dataset), billings carry sales tax (excluded again), each
 * first job gets a memo AR deposit (not a contract billing).
 */
import { Dec } from '../../canonical/money.ts';
import type { Dataset } from './dataset.ts';
import {
  datasetCostCodes,
  INVOICE_STATUS_CODE,
  JOB_STATUS_CODE,
  jobKey,
  RenderContext,
  type SageRow,
} from './render-context.ts';
import { renderDocuments } from './render-documents.ts';

const CURRENT_COLUMNS = [
  'matbdg',
  'labbdg',
  'eqpbdg',
  'subbdg',
  'othbdg',
  'usrcs6',
  'usrcs7',
  'usrcs8',
  'usrcs9',
];
const ORIGINAL_COLUMNS = [
  'matorg',
  'laborg',
  'eqporg',
  'suborg',
  'othorg',
  'cs6org',
  'cs7org',
  'cs8org',
  'cs9org',
];

/** Job-cost sources as a Sage company lists them (table `source`); the connector maps them by name. */
export const SANDBOX_SOURCES: Record<string, { recnum: number; name: string }> = {
  payroll: { recnum: 1, name: 'Payroll' },
  equipment: { recnum: 2, name: 'Equipment' },
  ap: { recnum: 3, name: 'Accounts Payable' },
  journal: { recnum: 4, name: 'General Journal' },
  direct: { recnum: 6, name: 'Job Cost Direct Entry' },
};

export function renderDataset(dataset: Dataset): RenderContext {
  const ctx = new RenderContext();
  ctx.assignCostCodes(datasetCostCodes(dataset));
  ctx.keys.reserve(
    'job',
    dataset.jobs.map((j) => j.job_id),
  );
  ctx.keys.reserve(
    'vendor',
    dataset.vendors.map((v) => v.vendor_id),
  );
  renderJobs(ctx, dataset);
  renderVendors(ctx, dataset);
  renderCostCodes(ctx, dataset);
  renderBudgets(ctx, dataset);
  renderDocuments(ctx, dataset);
  renderJobCost(ctx, dataset);
  renderBillings(ctx, dataset);
  renderGl(ctx, dataset);
  renderCostTypes(ctx);
  return ctx;
}

function renderJobs(ctx: RenderContext, dataset: Dataset) {
  dataset.jobs.forEach((job, i) => {
    const recnum = jobKey(ctx, job.job_id);
    ctx.mapId('jobs', job.job_id, recnum);
    const contracts = dataset.prime_contracts.filter((c) => c.job_id === job.job_id);
    const contract = contracts.reduce((sum, c) => sum.plus(c.original_amount), new Dec(0));
    ctx.add('actrec', {
      recnum,
      jobnme: job.name,
      shtnme: job.number.slice(0, 50),
      usrdf1: job.linked_id,
      usrdf2: contracts[0]?.linked_id ?? null,
      status: JOB_STATUS_CODE[job.status ?? 'open'] ?? 4,
      connum: contracts[0]?.number ?? null,
      cntrct: contract.toFixed(2),
      retain: '10.0000',
      sttdte: job.start_date,
      cmpdte: job.completion_date,
      ctcdte: contracts[0]?.executed_date ?? null,
    });
    if (i % 3 === 2) {
      ctx.phasedJobs.add(recnum);
      for (const phsnum of [1, 2]) {
        ctx.add('jobphs', { recnum, phsnum, phsnme: `Phase ${phsnum}`, retain: '10.0000' });
      }
    }
  });
}

function renderVendors(ctx: RenderContext, dataset: Dataset) {
  for (const v of dataset.vendors) {
    const recnum = ctx.keys.key('vendor', v.vendor_id);
    ctx.mapId('vendors', v.vendor_id, recnum);
    ctx.add('actpay', { recnum, vndnme: v.name, shtnme: v.name.slice(0, 12), usrdf1: v.linked_id });
  }
}

function renderCostCodes(ctx: RenderContext, dataset: Dataset) {
  const codes = new Map<string, string | null>();
  for (const c of dataset.cost_codes) {
    const code = ctx.costCode(c.code, c.ref)!;
    if (!codes.has(code) || codes.get(code) === null) codes.set(code, c.description);
  }
  for (const [code, description] of codes) {
    ctx.add('cstcde', {
      recnum: code,
      cdenme: description ?? `Cost code ${code}`,
      divnum: Math.floor(Number(code) / 1000),
    });
  }
  const divisions = new Set([...codes.keys()].map((c) => Math.floor(Number(c) / 1000)));
  for (const d of divisions) ctx.add('cstdiv', { recnum: d, divnme: `Division ${d}` });
  for (const s of Object.values(SANDBOX_SOURCES)) ctx.add('source', { recnum: s.recnum, srcnme: s.name });
}

/** Cost types 1–9; a user-defined type is named after the dataset's custom cost type it holds. */
function renderCostTypes(ctx: RenderContext) {
  const names: Record<number, string> = {
    1: 'Material',
    2: 'Labor',
    3: 'Equipment',
    4: 'Subcontract',
    5: 'Other',
  };
  for (const [custom, n] of ctx.customTypes) names[n] = custom;
  for (let n = 6; n <= 9; n++) names[n] ??= String(n);
  for (let n = 1; n <= 9; n++) ctx.add('csttyp', { recnum: n, typnme: names[n]! });
}

/** Splits an amount into two phases: half (rounded half-up) and the rest. */
function halves(amount: string): [string, string] {
  const first = new Dec(amount).div(2).toDecimalPlaces(2);
  return [first.toFixed(2), new Dec(amount).minus(first).toFixed(2)];
}

function renderBudgets(ctx: RenderContext, dataset: Dataset) {
  const lines = new Map<string, SageRow>();
  const headers = new Map<number, string>();
  for (const b of dataset.budget_lines) {
    const job = jobKey(ctx, b.job_id);
    const code = ctx.costCode(b.cost_code, b.ref)!;
    const type = ctx.costType(b.cost_type, b.ref)!;
    const original = b.original_budget ?? '0.00';
    const revised = b.revised_budget ?? new Dec(original).plus(b.approved_changes ?? '0').toFixed(2);
    const phases = ctx.phasedJobs.has(job)
      ? [1, 2].map((p, i) => ({ p, original: halves(original)[i]!, revised: halves(revised)[i]! }))
      : [{ p: 0, original, revised }];
    if (!headers.has(job)) {
      const header = ctx.add('budget', { recnum: job, usrnme: 'tieout sandbox' });
      headers.set(job, String(header._idnum));
    }
    for (const part of phases) {
      const key = `${job}|${part.p}|${code}`;
      let line = lines.get(key);
      if (!line) {
        line = ctx.add('bdglin', {
          _idref: headers.get(job)!,
          recnum: job,
          phsnum: part.p,
          linnum: lines.size + 1,
          cstcde: code,
        });
        for (const col of [...CURRENT_COLUMNS, ...ORIGINAL_COLUMNS]) line[col] = '0.00';
        lines.set(key, line);
      }
      const cur = CURRENT_COLUMNS[type - 1]!;
      const org = ORIGINAL_COLUMNS[type - 1]!;
      line[cur] = new Dec(String(line[cur])).plus(part.revised).toFixed(2);
      line[org] = new Dec(String(line[org])).plus(part.original).toFixed(2);
    }
  }
  for (const line of lines.values()) {
    line.ttlbdg = CURRENT_COLUMNS.reduce((s, c) => s.plus(String(line[c])), new Dec(0)).toFixed(2);
    line.ttlorg = ORIGINAL_COLUMNS.reduce((s, c) => s.plus(String(line[c])), new Dec(0)).toFixed(2);
  }
}

function renderJobCost(ctx: RenderContext, dataset: Dataset) {
  const invoiceLedger = new Map<string, number>();
  for (const row of ctx.tables.get('acpinv') ?? []) invoiceLedger.set(String(row.recnum), Number(row.lgrrec));
  ctx.keys.reserve(
    'jobcst',
    dataset.cost_transactions.map((c) => c.transaction_id),
  );
  dataset.cost_transactions.forEach((c, i) => {
    const recnum = ctx.keys.key('jobcst', c.transaction_id);
    ctx.mapId('cost_transactions', c.transaction_id, recnum);
    const job = jobKey(ctx, c.job_id);
    const invoice = ctx.keys.lookup('acpinv', c.invoice_id);
    const source = invoice !== undefined ? 'ap' : (c.source ?? 'direct');
    ctx.add('jobcst', {
      recnum,
      jobnum: job,
      phsnum: ctx.phasedJobs.has(job) ? 1 + (i % 2) : 0,
      cstcde: ctx.costCode(c.cost_code, c.ref),
      csttyp: ctx.costType(c.cost_type, c.ref),
      cstamt: c.amount,
      trndte: c.date,
      entdte: c.date,
      status: c.status === 'void' ? 2 : 1,
      srcnum: SANDBOX_SOURCES[source]!.recnum,
      vndnum: c.vendor_id === null ? null : ctx.keys.key('vendor', c.vendor_id),
      lgrrec: invoice !== undefined ? invoiceLedger.get(String(invoice))! : ctx.nextLedgerRef(),
      dscrpt: c.description?.slice(0, 50) ?? null,
      bllsts: 2,
    });
  });
}

function renderBillings(ctx: RenderContext, dataset: Dataset) {
  ctx.keys.reserve(
    'acrinv',
    dataset.billings.map((b) => b.billing_id),
  );
  let releases = 0;
  dataset.billings.forEach((b, i) => {
    const recnum = ctx.keys.key('acrinv', b.billing_id);
    ctx.mapId('billings', b.billing_id, recnum);
    const tax = i % 2 === 1 ? new Dec(b.billed_amount).times('0.05').toDecimalPlaces(2) : new Dec(0);
    const total = new Dec(b.billed_amount).plus(tax);
    // One retention figure: held less released; retention billed back to the owner is negative.
    const retain = new Dec(b.retainage_held ?? 0).minus(b.retainage_released ?? 0);
    // A billing that only releases retention is a contract invoice, and every second one a memo invoice:
    // offices bill a release either way.
    const memo = total.isZero() && retain.isNegative() && releases++ % 2 === 1;
    ctx.add('acrinv', {
      recnum,
      invnum: b.number,
      jobnum: jobKey(ctx, b.job_id),
      phsnum: 0,
      invdte: b.period_end,
      status: INVOICE_STATUS_CODE[b.status ?? 'posted'] ?? 1,
      invtyp: memo ? 2 : 1,
      usrdf1: b.linked_id,
      invttl: total.toFixed(2),
      slstax: tax.toFixed(2),
      retain: retain.toFixed(2),
      invnet: total.minus(retain).toFixed(2),
      lgrrec: ctx.nextLedgerRef(),
    });
  });
  const first = dataset.jobs[0];
  if (first) {
    ctx.add('acrinv', {
      recnum: ctx.keys.key('acrinv', 'sandbox-memo-deposit'),
      invnum: 'DEP-1',
      jobnum: jobKey(ctx, first.job_id),
      invdte: first.start_date,
      status: 1,
      invtyp: 2,
      invttl: '5000.00',
      slstax: '0.00',
      retain: '0.00',
      invnet: '5000.00',
      lgrrec: ctx.nextLedgerRef(),
    });
  }
}

function renderGl(ctx: RenderContext, dataset: Dataset) {
  const accounts = new Map<string, string>();
  for (const g of dataset.gl_balances) {
    if (!/^\d{1,9}$/.test(g.account)) {
      ctx.warnings.push(`${g.ref}: GL account "${g.account}" is not a Sage account number; left out`);
      continue;
    }
    if (!accounts.has(g.account)) {
      const header = ctx.add('lgract', { recnum: Number(g.account), lngnme: g.role ?? 'other', acttyp: 1 });
      accounts.set(g.account, String(header._idnum));
      if (g.role) ctx.glRoles.set(g.account, g.role);
    }
    const [year, month] = g.as_of.split('-').map(Number) as [number, number];
    ctx.add('lgrbal', {
      _idref: accounts.get(g.account)!,
      recnum: ctx.nextLedgerRef(),
      lgract: Number(g.account),
      postyr: year,
      actprd: month,
      balnce: g.balance,
    });
  }
}
