/**
 * Rules that fix findings in Procore when Procore is the PM side. Each turns one finding into the exact
 * write and the diff a person approves:
 * - `jobcost.mismatch` where the books carry more cost than Procore (ERP cost missing from Procore): push the
 *   missing amount as an approved direct cost on that cost code and line item type, dated the snapshot's day;
 * - `vendor.unlinked` when the books hold a vendor of the same name: write the ERP vendor id as the Procore
 *   vendor's `origin_id`;
 * - `costcode.unmapped` for a code the books use that the Procore project lacks: add it to the project.
 * Findings that would need a guess (no same-name ERP vendor, Procore carrying more cost than the books) get
 * no proposal: a person proposes those.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import { procoreCostTypeCode } from '../../connectors/procore/cost-types.ts';
import { normCode } from '../../connectors/procore/write-payloads.ts';
import type { CompanyConfig } from '../config/schema.ts';
import type { Finding } from '../recon/types.ts';
import type { ProposeInput } from './propose.ts';

export type Rule = (finding: Finding, company: CompanyConfig) => ProposeInput | null;

const isProcoreId = (v: string | null | undefined): v is string => !!v && /^\d+$/.test(v);
const procorePm = (company: CompanyConfig) => company.pm.type === 'procore';

/** The cost code as Procore names it: the PM document's label, else the company's cost-code map, else as is. */
export function procoreCode(f: Finding, company: CompanyConfig): string {
  const onPm = f.documents.pm.find((d) => d.cost_code)?.cost_code;
  if (onPm) return onPm;
  const code = f.costCode ?? '';
  const mapped = company.settings.mappings.costCodes.find((m) => normCode(m.erpCode) === normCode(code));
  return mapped?.pmCode ?? code;
}

/** The Procore line item type code of a canonical cost type: the connector's costTypes map read backwards. */
export function procoreTypeCode(costType: string, company: CompanyConfig): string {
  const overrides = (company.pm as { costTypes?: Record<string, string> }).costTypes ?? {};
  const own = Object.entries(overrides).find(([, canonical]) => canonical === costType);
  return own ? own[0] : procoreCostTypeCode(costType);
}

export const pushErpJobCost: Rule = (f, company) => {
  if (f.check !== 'jobcost.mismatch' || !procorePm(company) || !isProcoreId(f.pmJobId)) return null;
  if (!f.costCode || !f.costType || f.erpAmount === null) return null;
  const pm = new Dec(f.pmAmount ?? '0');
  const erp = new Dec(f.erpAmount);
  if (!erp.greaterThan(pm)) return null;
  const missing = erp.minus(pm).toFixed(2);
  const code = procoreCode(f, company);
  const type = procoreTypeCode(f.costType, company);
  const day = f.takenAt.slice(0, 10);
  const job = f.jobNumber ?? f.pmJobId;
  return {
    companyId: company.id,
    operation: 'procore.direct_cost.create',
    payload: {
      projectId: f.pmJobId,
      direct_cost: {
        direct_cost_type: 'expense',
        direct_cost_date: day,
        description: `ERP job cost to ${day} not in Procore: ${code} ${f.costType}`,
        status: 'approved',
        line_items: [
          {
            cost_code: code,
            line_item_type: type,
            amount: missing,
            description: `ERP job cost ${f.erpAmount}`,
          },
        ],
      },
    },
    diff: [
      {
        field: `job ${job} · ${code} ${f.costType} · Procore job-to-date cost`,
        before: pm.toFixed(2),
        after: erp.toFixed(2),
      },
    ],
    summary: `Push ${missing} of ERP job cost on ${code} ${f.costType} to Procore project ${job}`,
    findingKey: f.key,
  };
};

export const linkSameNameVendor: Rule = (f, company) => {
  if (f.check !== 'vendor.unlinked' || !procorePm(company)) return null;
  const vendorId = f.documents.pm[0]?.id;
  const erpVendor = typeof f.facts.erp_same_name === 'string' ? f.facts.erp_same_name : null;
  if (!isProcoreId(vendorId) || !erpVendor) return null;
  return {
    companyId: company.id,
    operation: 'procore.link',
    payload: { resource: 'vendors', id: vendorId, origin_id: erpVendor },
    diff: [{ field: `vendor ${f.vendor ?? vendorId} · origin_id`, before: null, after: erpVendor }],
    summary: `Link Procore vendor ${f.vendor ?? vendorId} to ERP vendor ${erpVendor} (same name)`,
    findingKey: f.key,
  };
};

export const addMissingCostCode: Rule = (f, company) => {
  if (f.check !== 'costcode.unmapped' || !procorePm(company) || !isProcoreId(f.pmJobId)) return null;
  if (f.facts.side !== 'erp' || !f.costCode) return null;
  if (!/^[A-Za-z0-9]+([-.][A-Za-z0-9]+)*$/.test(f.costCode)) return null;
  const job = f.jobNumber ?? f.pmJobId;
  return {
    companyId: company.id,
    operation: 'procore.cost_code.create',
    payload: { projectId: f.pmJobId, full_code: f.costCode, name: `${f.costCode} (from the books)` },
    diff: [{ field: `project ${job} · cost code`, before: null, after: f.costCode }],
    summary: `Add cost code ${f.costCode}, used in the books, to Procore project ${job}`,
    findingKey: f.key,
  };
};

export const PROCORE_RULES: Rule[] = [pushErpJobCost, linkSameNameVendor, addMissingCostCode];
