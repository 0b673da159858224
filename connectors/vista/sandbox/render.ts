/**
 * A canonical dataset written into Vista's tables, for the sandbox. The dataset must be keyed as Vista keys
 * records (a job id is its Job, a commitment id "Job/SL", an AP invoice id its APTrans number, a cost its
 * KeyID): `tieout demo generate --profile vista` writes such a folder (erp-canonical). What Vista keeps
 * beside the amounts is filled as Vista would: original-estimate (OE) and change (CO) rows in JC Cost
 * Detail, pay detail sequences with the retainage pay type held, one company (JCCo 1, phase group 1).
 */

import { Dec } from '../../canonical/money.ts';
import type { Dataset } from '../../sage100c/sandbox/dataset.ts';
import { DatasetError } from '../../sage100c/sandbox/dataset.ts';

export type VistaRow = Record<string, string | number | null>;

const CO = 1;
const RET_PAY_TYPE = 2;
const STANDARD_TYPES: Record<string, number> = {
  labor: 1,
  material: 2,
  subcontract: 3,
  equipment: 4,
  other: 5,
};

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;
function nextMonth(month: string): string {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}
function integer(value: string | null, what: string, ref: string): number | null {
  if (value === null) return null;
  if (!/^\d{1,9}$/.test(value))
    throw new DatasetError(`${ref}: ${what} "${value}" is not a Vista number (an integer)`);
  return Number(value);
}

export function renderVista(data: Dataset): Map<string, VistaRow[]> {
  const t = new Map<string, VistaRow[]>();
  const add = (table: string, row: VistaRow) => {
    const rows = t.get(table) ?? [];
    // JCCP has no KeyID column (Vista 6.x); every other table numbers its rows.
    rows.push(table === 'JCCP' ? row : { KeyID: rows.length + 1, ...row });
    t.set(table, rows);
  };
  const types = new Map<string, number>(Object.entries(STANDARD_TYPES));
  const typeOf = (name: string | null) => {
    if (name === null) return null;
    if (!types.has(name)) types.set(name, Math.max(5, ...types.values()) + 1);
    return types.get(name)!;
  };
  add('APCO', { APCo: CO, RetPayType: RET_PAY_TYPE, RetHoldCode: 'RET' });

  const contractOf = new Map<string, { id: string; date: string | null }>();
  for (const c of data.prime_contracts) {
    if (!contractOf.has(c.job_id)) contractOf.set(c.job_id, { id: c.contract_id, date: c.executed_date });
    const status = { approved: 1, complete: 2, pending: 0 }[c.status ?? 'approved'] ?? 0;
    add('JCCM', {
      JCCo: CO,
      Contract: c.contract_id,
      Description: c.number,
      ContractStatus: status,
      StartDate: c.executed_date,
      StartMonth: c.executed_date && firstOfMonth(c.executed_date),
      OrigContractAmt: c.original_amount,
      ContractAmt: c.original_amount,
      udProcoreID: c.linked_id,
    });
  }
  const startMonth = new Map<string, string>();
  for (const j of data.jobs) {
    const contract = contractOf.get(j.job_id);
    startMonth.set(j.job_id, contract?.date ? firstOfMonth(contract.date) : '2020-01-01');
    const status = { open: 1, completed: 2, closed: 3 }[j.status ?? 'open'] ?? 1;
    add('JCJM', {
      JCCo: CO,
      Job: j.job_id,
      Description: j.name,
      Contract: contract?.id ?? null,
      JobStatus: status,
      udProcoreID: j.linked_id,
    });
  }
  for (const c of data.cost_codes) {
    if (c.job_id === null)
      throw new DatasetError(`${c.ref}: Vista keeps phases per job (JCJP); give the cost code a job_id`);
    add('JCJP', {
      JCCo: CO,
      Job: c.job_id,
      PhaseGroup: 1,
      Phase: c.code,
      Description: c.description,
      ActiveYN: 'Y',
    });
  }
  const trans = new Map<string, number>();
  const costTrans = (mth: string) => {
    const n = (trans.get(mth) ?? 0) + 1;
    trans.set(mth, n);
    return n;
  };
  let estimateKey = 900_000_000;
  for (const b of data.budget_lines) {
    const key = { JCCo: CO, Job: b.job_id, PhaseGroup: 1, Phase: b.cost_code, CostType: typeOf(b.cost_type) };
    const mth = startMonth.get(b.job_id) ?? '2020-01-01';
    add('JCCH', {
      ...key,
      OrigCost: b.original_budget ?? '0.00',
      LastProjDate: b.estimated_cost_at_completion === null ? null : mth,
      ActiveYN: 'Y',
    });
    const original = b.original_budget ?? '0.00';
    add('JCCP', {
      ...key,
      Mth: mth,
      OrigEstCost: original,
      CurrEstCost: original,
      TotalCmtdCost: b.committed_cost,
      ProjCost: b.estimated_cost_at_completion,
    });
    add('JCCD', {
      ...key,
      Mth: mth,
      CostTrans: costTrans(mth),
      JCTransType: 'OE',
      Source: 'JC OrigEst',
      EstCost: original,
      ActualCost: '0.00',
      KeyID: estimateKey++,
    });
    const change = new Dec(b.revised_budget ?? original).minus(original);
    if (!change.isZero()) {
      const later = nextMonth(mth);
      add('JCCP', { ...key, Mth: later, OrigEstCost: '0.00', CurrEstCost: change.toFixed(2) });
      add('JCCD', {
        ...key,
        Mth: later,
        CostTrans: costTrans(later),
        JCTransType: 'CO',
        Source: 'JC ChngOrd',
        EstCost: change.toFixed(2),
        ActualCost: '0.00',
        KeyID: estimateKey++,
      });
    }
  }
  const transType: Record<string, string> = {
    ap: 'AP',
    payroll: 'PR',
    equipment: 'EM',
    journal: 'JC',
    direct: 'IN',
  };
  for (const c of data.cost_transactions) {
    const mth = firstOfMonth(c.date);
    add('JCCD', {
      JCCo: CO,
      Mth: mth,
      CostTrans: costTrans(mth),
      Job: c.job_id,
      PhaseGroup: 1,
      Phase: c.cost_code,
      CostType: typeOf(c.cost_type),
      PostedDate: c.date,
      ActualDate: c.date,
      JCTransType: transType[c.source ?? 'direct'] ?? 'IN',
      Source: 'JC CostAdj',
      Description: c.description,
      ReversalStatus: c.status === 'void' ? 2 : 0,
      ActualCost: c.amount,
      VendorGroup: c.vendor_id ? 1 : null,
      Vendor: integer(c.vendor_id, 'vendor id', c.ref),
      APCo: c.invoice_id ? CO : null,
      APTrans: integer(c.invoice_id, 'invoice id', c.ref),
      KeyID: integer(c.transaction_id, 'transaction id', c.ref),
    });
  }
  for (const v of data.vendors) {
    add('APVM', {
      VendorGroup: 1,
      Vendor: integer(v.vendor_id, 'vendor id', v.ref),
      Name: v.name,
      ActiveYN: v.status === 'inactive' ? 'N' : 'Y',
      udProcoreID: v.linked_id,
    });
  }
  renderDocuments(data, add, typeOf);
  for (const [name, number] of types) {
    add('JCCT', {
      PhaseGroup: 1,
      CostType: number,
      Description: name.charAt(0).toUpperCase() + name.slice(1),
      Abbreviation: name.slice(0, 1).toUpperCase(),
    });
  }
  return t;
}

type Add = (table: string, row: VistaRow) => void;
type TypeOf = (name: string | null) => number | null;

function renderDocuments(data: Dataset, add: Add, typeOf: TypeOf): void {
  const commitments = new Map(data.commitments.map((c) => [c.commitment_id, c]));
  const linesOf = <R extends { ref: string }>(rows: R[], key: (r: R) => string) => {
    const m = new Map<string, R[]>();
    for (const r of rows) {
      const list = m.get(key(r));
      if (list) list.push(r);
      else m.set(key(r), [r]);
    }
    return m;
  };
  const commitmentLines = linesOf(data.commitment_lines, (l) => l.commitment_id);
  for (const c of data.commitments) {
    const sub = c.kind !== 'purchase_order';
    const status = { approved: 0, complete: 1, pending: 3, draft: 3, void: 2 }[c.status ?? 'approved'] ?? 0;
    const head = {
      Job: c.job_id,
      VendorGroup: 1,
      Vendor: integer(c.vendor_id, 'vendor id', c.ref),
      Status: status,
      udProcoreID: c.linked_id,
    };
    if (sub) add('SLHD', { SLCo: CO, SL: c.number, JCCo: CO, OrigDate: c.executed_date, ...head });
    else add('POHD', { POCo: CO, PO: c.number, JCCo: CO, OrderDate: c.executed_date, ...head });
    const lines = commitmentLines.get(c.commitment_id) ?? [];
    const lineTotal = lines.reduce((s, l) => s.plus(l.amount), new Dec(0));
    const originalExtra = new Dec(c.original_amount).minus(c.revised_amount ?? lineTotal);
    lines.forEach((l, n) => {
      const orig = n === 0 ? originalExtra.plus(l.amount).toFixed(2) : l.amount;
      const item = {
        Job: c.job_id,
        PhaseGroup: 1,
        Phase: l.cost_code,
        JCCType: typeOf(l.cost_type),
        OrigCost: orig,
        CurCost: l.amount,
        ItemType: 1,
      };
      const number = integer(l.line_id, 'line id', l.ref);
      if (sub) {
        const pct = c.retainage_percent === null ? null : new Dec(c.retainage_percent).div(100).toFixed(4);
        add('SLIT', {
          SLCo: CO,
          SL: c.number,
          SLItem: number,
          JCCo: CO,
          WCRetPct: pct,
          SMRetPct: pct,
          ...item,
        });
      } else add('POIT', { POCo: CO, PO: c.number, POItem: number, PostToCo: CO, ...item });
    });
  }
  const kindCode: Record<string, string> = { prime: 'OWNER', commitment: 'SUB', budget: 'BUDGET' };
  const coLines = linesOf(data.change_order_lines, (l) => l.change_order_id);
  for (const o of data.change_orders) {
    const approved = o.status === 'approved';
    const ids = {
      PMCo: CO,
      Project: o.job_id,
      PCOType: kindCode[o.kind ?? 'prime'] ?? 'OWNER',
      PCO: o.number,
      PCOItem: '1',
      ACO: approved ? o.number : null,
      ACOItem: approved ? '1' : null,
    };
    if (approved)
      add('PMOH', {
        PMCo: CO,
        Project: o.job_id,
        ACO: o.number,
        Description: o.description,
        ApprovalDate: o.approved_date,
        IntExt: o.kind === 'prime' ? 'E' : 'I',
      });
    add('PMOI', {
      ...ids,
      Description: o.description,
      Status: (o.status ?? 'pending').toUpperCase(),
      Approved: approved ? 'Y' : 'N',
      ApprovedDate: approved ? o.approved_date : null,
      ApprovedAmt: approved ? o.contract_amount : null,
      PendingAmount: approved ? null : o.contract_amount,
      udProcoreID: o.linked_id,
    });
    const commitment = o.commitment_id ? commitments.get(o.commitment_id) : undefined;
    for (const l of coLines.get(o.change_order_id) ?? []) {
      add('PMOL', {
        PMCo: CO,
        Project: o.job_id,
        PCOType: ids.PCOType,
        PCO: ids.PCO,
        PCOItem: '1',
        ACO: ids.ACO,
        ACOItem: ids.ACOItem,
        PhaseGroup: 1,
        Phase: l.cost_code,
        CostType: typeOf(l.cost_type),
        EstCost: l.amount,
        Subcontract: commitment && commitment.kind !== 'purchase_order' ? commitment.number : null,
        PO: commitment?.kind === 'purchase_order' ? commitment.number : null,
      });
    }
  }
  const payLines = linesOf(data.payable_lines, (l) => l.invoice_id);
  for (const p of data.payables) {
    const mth = firstOfMonth(p.period_end ?? p.invoice_date ?? '2020-01-01');
    const apTrans = integer(p.invoice_id, 'invoice id', p.ref);
    const paid = p.status === 'paid';
    add('APTH', {
      APCo: CO,
      Mth: mth,
      APTrans: apTrans,
      VendorGroup: 1,
      Vendor: integer(p.vendor_id, 'vendor id', p.ref),
      APRef: p.number,
      InvDate: p.invoice_date,
      InvTotal: p.gross_amount,
      OpenYN: paid ? 'N' : 'Y',
      udProcoreID: p.linked_id,
    });
    const commitment = p.commitment_id ? commitments.get(p.commitment_id) : undefined;
    const lines = payLines.get(p.invoice_id) ?? [];
    const rows =
      lines.length > 0
        ? lines
        : [
            {
              line_id: '1',
              cost_code: null,
              cost_type: null,
              amount: '0.00',
              retainage_held: '0.00',
              ref: p.ref,
            },
          ];
    rows.forEach((l, n) => {
      const line = integer(l.line_id, 'line id', l.ref);
      const held = l.retainage_held ?? '0.00';
      add('APTL', {
        APCo: CO,
        Mth: mth,
        APTrans: apTrans,
        APLine: line,
        LineType: commitment ? (commitment.kind === 'purchase_order' ? 6 : 7) : 1,
        SL: commitment && commitment.kind !== 'purchase_order' ? commitment.number : null,
        PO: commitment?.kind === 'purchase_order' ? commitment.number : null,
        JCCo: CO,
        Job: p.job_id,
        PhaseGroup: 1,
        Phase: l.cost_code,
        JCCType: typeOf(l.cost_type),
        PayType: 1,
        GrossAmt: l.amount,
        Retainage: held,
      });
      const pay = { APCo: CO, Mth: mth, APTrans: apTrans, APLine: line };
      add('APTD', {
        ...pay,
        APSeq: 1,
        PayType: 1,
        Amount: new Dec(l.amount).minus(held).toFixed(2),
        Status: paid ? 3 : 1,
        PaidMth: paid ? mth : null,
        PaidDate: paid ? p.invoice_date : null,
      });
      if (!new Dec(held).isZero())
        add('APTD', { ...pay, APSeq: 2, PayType: RET_PAY_TYPE, Amount: held, Status: 2 });
      if (n === 0 && p.retainage_released !== null)
        add('APTD', {
          ...pay,
          APSeq: 3,
          PayType: RET_PAY_TYPE,
          Amount: p.retainage_released,
          Status: 3,
          PaidMth: mth,
          PaidDate: p.invoice_date,
        });
    });
  }
  const contractOfJob = new Map(data.prime_contracts.map((c) => [c.job_id, c.contract_id]));
  for (const b of data.billings) {
    const mth = firstOfMonth(b.period_end);
    const arTrans = integer(b.billing_id, 'billing id', b.ref);
    const contract = contractOfJob.get(b.job_id) ?? b.job_id;
    add('ARTH', {
      ARCo: CO,
      Mth: mth,
      ARTrans: arTrans,
      ARTransType: 'I',
      JCCo: CO,
      Contract: contract,
      Invoice: b.number,
      TransDate: b.period_end,
      Invoiced: b.billed_amount,
      Retainage: b.retainage_held,
    });
    add('ARTL', {
      ARCo: CO,
      Mth: mth,
      ARTrans: arTrans,
      ARLine: 1,
      LineType: 'C',
      JCCo: CO,
      Contract: contract,
      Amount: b.billed_amount,
      TaxAmount: '0.00',
      Retainage: b.retainage_held,
    });
  }
}
