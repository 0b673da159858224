/** What the dataset renderers share: the Sage rows being built, keys, GUIDs and the id map. */
import type { CanonicalTableName } from '../../canonical/tables.ts';
import { canonicalCostCode, sageCostTypeNumber } from '../values.ts';
import { type Dataset, DatasetError } from './dataset.ts';
import { guidFactory, SageKeys } from './keys.ts';

const NUMERIC_CODE = /^\d{1,12}(\.\d{1,3})?$/;

export type SageRow = Record<string, string | number | null>;

export class RenderContext {
  readonly tables = new Map<string, SageRow[]>();
  readonly keys = new SageKeys();
  readonly guid = guidFactory();
  /** Per canonical table: dataset id → the id the connector reports. */
  readonly ids = new Map<CanonicalTableName, Map<string, string>>();
  /** Custom cost types (neither standard nor 6–9) → the user-defined Sage type they were given. */
  readonly customTypes = new Map<string, number>();
  /** GL account → role, from the dataset's gl_balances. */
  readonly glRoles = new Map<string, string>();
  /** Jobs whose records are spread over two phases (rolled up, they read exactly as the dataset). */
  readonly phasedJobs = new Set<number>();
  readonly warnings: string[] = [];
  private ledger = 700_000;
  readonly updatedAt = '2026-11-01 06:00:00';

  add(table: string, row: SageRow): SageRow {
    let rows = this.tables.get(table);
    if (!rows) {
      rows = [];
      this.tables.set(table, rows);
    }
    const full: SageRow = { _idnum: this.guid(), insdte: this.updatedAt, upddte: this.updatedAt, ...row };
    rows.push(full);
    return full;
  }

  mapId(table: CanonicalTableName, datasetId: string, connectorId: string | number): void {
    let map = this.ids.get(table);
    if (!map) {
      map = new Map();
      this.ids.set(table, map);
    }
    map.set(datasetId, String(connectorId));
  }

  nextLedgerRef(): number {
    return ++this.ledger;
  }

  /** Canonical cost code → the Sage cost code (decimal(15,3) text) it was given. */
  readonly costCodes = new Map<string, string>();

  /**
   * Gives every canonical cost code a Sage cost code before any row is rendered. A numeric code is itself
   * (1000 → 1000.000, 9.1 → 9.100); a code with separators is its digits ("03-300" → 3300.000), so spellings
   * that differ only by separators and zero padding are one Sage code, as reconciliation already treats
   * them. A code without digits (or too long) gets the next free number from 990000.
   */
  assignCostCodes(codes: Iterable<string>): void {
    const pending: string[] = [];
    for (const code of new Set(codes)) {
      const digits = NUMERIC_CODE.test(code) ? code : code.replace(/\D/g, '');
      if (digits.length > 0 && NUMERIC_CODE.test(digits))
        this.costCodes.set(code, canonicalCostCode(digits, 'keep')!);
      else pending.push(code);
    }
    const taken = new Set(this.costCodes.values());
    let next = 990_000;
    for (const code of pending) {
      let sage = canonicalCostCode(String(next++), 'keep')!;
      while (taken.has(sage)) sage = canonicalCostCode(String(next++), 'keep')!;
      this.costCodes.set(code, sage);
      taken.add(sage);
    }
  }

  costCode(code: string | null, ref: string): string | null {
    if (code === null) return null;
    const sage = this.costCodes.get(code);
    if (sage === undefined)
      throw new DatasetError(`${ref}: cost code "${code}" was not assigned a Sage cost code`);
    return sage;
  }

  costType(type: string | null, ref: string): number | null {
    if (type === null) return null;
    const standard = sageCostTypeNumber(type);
    if (standard !== undefined) return standard;
    let n = this.customTypes.get(type);
    if (n === undefined) {
      const taken = new Set(this.customTypes.values());
      n = [6, 7, 8, 9].find((t) => !taken.has(t) && !this.customTypes.has(String(t)));
      if (n === undefined) {
        throw new DatasetError(
          `${ref}: cost type "${type}": Sage has only four user-defined cost types (6–9)`,
        );
      }
      this.customTypes.set(type, n);
    }
    return n;
  }
}

/** Every cost code a dataset uses, in the order it first appears. */
export function datasetCostCodes(dataset: Dataset): string[] {
  const codes: string[] = [];
  const add = (c: string | null) => {
    if (c !== null) codes.push(c);
  };
  for (const c of dataset.cost_codes) add(c.code);
  for (const t of [
    dataset.budget_lines,
    dataset.cost_transactions,
    dataset.commitment_lines,
    dataset.change_order_lines,
  ]) {
    for (const r of t) add(r.cost_code);
  }
  return codes;
}

export function jobKey(ctx: RenderContext, jobId: string): number {
  return ctx.keys.key('job', jobId);
}

/** Canonical status → Sage code, for the enumerations in values.ts. */
export const JOB_STATUS_CODE: Record<string, number> = { open: 4, completed: 5, closed: 6 };
export const CO_STATUS_CODE: Record<string, number> = { approved: 1, pending: 2, void: 5, rejected: 6 };
export const SUBCONTRACT_STATUS_CODE: Record<string, number> = {
  draft: 1,
  pending: 1,
  approved: 4,
  complete: 5,
  void: 2,
};
export const PO_STATUS_CODE: Record<string, number> = {
  draft: 2,
  pending: 2,
  approved: 1,
  complete: 4,
  void: 5,
};
export const INVOICE_STATUS_CODE: Record<string, number> = {
  draft: 2,
  pending: 2,
  approved: 1,
  posted: 1,
  paid: 4,
  void: 5,
};
