/** What the mappers look up across endpoints: cost types by id, cost codes by id, commitment lines. */
import { canonicalCostType } from '../cost-types.ts';
import type { CostCodeRef, LineItemTypeRef, WbsRef } from '../payloads.ts';

export interface CostSlot {
  cost_code: string | null;
  cost_type: string | null;
}

export class Lookups {
  readonly lineItemTypes = new Map<string, { code: string | null; name: string | null }>();
  readonly costCodes = new Map<string, string>();
  /** commitment id → line id → its cost code and type (requisition items point at commitment lines). */
  readonly commitmentLines = new Map<string, Map<string, CostSlot>>();

  constructor(private readonly costTypeOverrides: Record<string, string>) {}

  costType(ref: LineItemTypeRef | undefined): string | null {
    if (!ref) return null;
    const known = ref.id ? this.lineItemTypes.get(ref.id) : undefined;
    const code = ref.code ?? known?.code ?? null;
    if (code) return canonicalCostType(code, this.costTypeOverrides);
    return null;
  }

  costTypeById(id: string | null | undefined, name?: string | null): string | null {
    const known = id ? this.lineItemTypes.get(id) : undefined;
    if (known?.code) return canonicalCostType(known.code, this.costTypeOverrides);
    if (name) {
      for (const t of this.lineItemTypes.values())
        if (t.name === name && t.code) return canonicalCostType(t.code, this.costTypeOverrides);
    }
    return null;
  }

  costCode(ref: CostCodeRef | undefined): string | null {
    if (!ref) return null;
    return ref.full_code ?? ref.code ?? (ref.id ? (this.costCodes.get(ref.id) ?? null) : null);
  }

  costCodeById(id: string | null | undefined): string | null {
    return id ? (this.costCodes.get(id) ?? null) : null;
  }

  /**
   * WBS codes join the segments with "." (examples/financials/budget_change_adjustment_line_item.json:
   * "01-011.CT1" = cost code 01-011, cost type CT1); the last segment is the cost type code.
   */
  fromWbs(wbs: WbsRef | undefined): CostSlot {
    const flat = wbs?.flat_code;
    if (!flat) return { cost_code: null, cost_type: null };
    const cut = flat.lastIndexOf('.');
    if (cut < 0) return { cost_code: flat, cost_type: null };
    return {
      cost_code: flat.slice(0, cut),
      cost_type: canonicalCostType(flat.slice(cut + 1), this.costTypeOverrides),
    };
  }
}
