/**
 * The company-level pieces of the demo: the vendor list on both sides and the company settings
 * (`company.json`, in the shape of companySettingsSchema) with the mappings the demo needs.
 */
import { type CompanySettings, companySettingsSchema } from '../config/schema.ts';
import { MAPPED_CODE, UNLINKED_VENDOR_NAME, VENDORS } from './catalog.ts';
import { vendorIds } from './ids.ts';
import type { Row } from './rows.ts';

export const DEMO_COMPANY_ID = 'demo';
export const DEMO_COMPANY_NAME = 'Granite Peak Builders, Inc.';

export function vendorRows(side: 'pm' | 'erp'): Row[] {
  return VENDORS.map((v, i) => {
    const ids = vendorIds(i);
    // Apex is linked only through the company vendor map; Summit not at all (the vendor.unlinked case).
    const linked = v.erpName === undefined && v.name !== UNLINKED_VENDOR_NAME;
    const name =
      side === 'erp' ? (v.erpName ?? (v.name === UNLINKED_VENDOR_NAME ? `${v.name} LLC` : v.name)) : v.name;
    return {
      vendor_id: side === 'pm' ? ids.pm : ids.erp,
      linked_id: linked ? (side === 'pm' ? ids.erp : ids.pm) : null,
      name,
      status: 'active',
    };
  });
}

/** `jobLinks` are job ids (PM project id, ERP job number) linked only through the company job map. */
export function demoCompanySettings(jobLinks: { pm: string; erp: string }[]): CompanySettings {
  return companySettingsSchema.parse({
    estimateSource: 'pm',
    fiscalYearStartMonth: 1,
    defaultTolerance: { absolute: '1.00', relative: '0' },
    staleAfterHours: 36,
    approvalStaleDays: 7,
    maxQuarantinedRows: 0,
    mappings: {
      jobs: jobLinks,
      vendors: VENDORS.flatMap((v, i) => (v.erpName ? [{ pm: vendorIds(i).pm, erp: vendorIds(i).erp }] : [])),
      costCodes: [{ pmCode: MAPPED_CODE.pmCode, erpCode: MAPPED_CODE.erpCode }],
    },
  });
}
