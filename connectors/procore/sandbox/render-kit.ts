/** Shared state of one dataset rendering: ids, money styles, cost types, warnings; and per-job lookups. */
import { procoreCostTypeCode, STANDARD_TYPE_NAMES } from '../cost-types.ts';
import type { SandboxData } from './data.ts';
import type { Dataset } from './dataset.ts';
import { MoneyStyler } from './money-text.ts';

export type Row = Record<string, string | null>;

export class RenderKit {
  readonly m = new MoneyStyler();
  private seq = 100_000;
  private readonly types = new Map<string, { id: string; code: string; name: string }>();
  private readonly given = new Map<string, string>();

  constructor(
    readonly data: SandboxData,
    private readonly ds: Dataset,
    readonly at: string,
  ) {
    for (const t of Object.keys(STANDARD_TYPE_NAMES)) this.typeOf(t);
  }

  rows<T extends keyof Dataset>(table: T): Row[] {
    return this.ds[table] as unknown as Row[];
  }

  warn(w: string) {
    this.data.warnings.push(w);
  }

  /** A fresh id for records the canonical model has no id for (cost codes, budget views, rows). */
  next(): string {
    return String(++this.seq);
  }

  /** Procore ids are integers: numeric dataset ids are kept, others get a stable number (and a warning). */
  num(id: string): string {
    if (/^\d+$/.test(id)) return id;
    let n = this.given.get(id);
    if (!n) {
      let h = 0;
      for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
      n = String(900_000_000 + (h % 99_000_000));
      this.given.set(id, n);
      this.warn(`id "${id}" is not numeric; Procore ids are integers, served as ${n}`);
    }
    return n;
  }

  /** The line item type of a canonical cost type: the five standard ones, plus each custom code used. */
  typeOf(costType: string | null | undefined) {
    if (!costType) return null;
    let t = this.types.get(costType);
    if (!t) {
      const code = procoreCostTypeCode(costType);
      t = { id: String(1001 + this.types.size), code, name: STANDARD_TYPE_NAMES[costType] ?? costType };
      this.types.set(costType, t);
      this.data.add(
        'line_item_types',
        t.id,
        { code: t.code, name: t.name, base_type: 'other', origin_id: null },
        this.at,
      );
    }
    return t;
  }

  typeRef(costType: string | null | undefined) {
    const t = this.typeOf(costType);
    return t ? { id: Number(t.id), code: t.code, name: t.name, base_type: 'other' } : null;
  }
}

/** What the renderers of one job share: its project id, cost code ids, prime contract and commitment lines. */
export class JobKit {
  readonly codeIds = new Map<string, string>();
  primeId: string | null = null;
  readonly commitmentLines = new Map<string, { code: string | null; type: string | null; id: string }[]>();

  constructor(
    readonly kit: RenderKit,
    readonly job: Row,
    readonly pid: string,
  ) {}

  of<T extends keyof Dataset>(table: T): Row[] {
    return this.kit.rows(table).filter((r) => r.job_id === this.job.job_id);
  }

  codeRef(code: string | null | undefined) {
    if (!code) return null;
    const id = this.codeIds.get(code);
    return { id: id ? Number(id) : null, code, full_code: code, name: null };
  }

  /** WBS flat codes join cost code and cost type code with "." (as in Procore's WBS examples). */
  wbs(code: string | null | undefined, type: string | null | undefined) {
    if (!code) return null;
    return {
      id: Number(this.kit.next()),
      flat_code: type ? `${code}.${this.kit.typeOf(type)!.code}` : code,
      description: null,
    };
  }
}
