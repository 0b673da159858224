/**
 * Procore line item types (cost types) ↔ canonical cost types. Procore's default company list uses single
 * letter codes (L Labor, M Material, E Equipment, S Subcontract, O Other); anything else is a custom cost
 * type and keeps its code. A company's own codes can be mapped in the connector config (`costTypes`).
 */
export const DEFAULT_COST_TYPE_CODES: Record<string, string> = {
  L: 'labor',
  M: 'material',
  E: 'equipment',
  S: 'subcontract',
  O: 'other',
};

export const STANDARD_TYPE_NAMES: Record<string, string> = {
  labor: 'Labor',
  material: 'Materials',
  equipment: 'Equipment',
  subcontract: 'Subcontract',
  other: 'Other',
};

export function canonicalCostType(code: string, overrides: Record<string, string>): string {
  return overrides[code] ?? DEFAULT_COST_TYPE_CODES[code.toUpperCase()] ?? code;
}

/** The line item type code the sandbox renders for a canonical cost type. */
export function procoreCostTypeCode(costType: string): string {
  const entry = Object.entries(DEFAULT_COST_TYPE_CODES).find(([, v]) => v === costType);
  return entry ? entry[0] : costType;
}
