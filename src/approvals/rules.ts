/**
 * Rules that turn findings into proposals, so the approver's queue fills itself after each snapshot:
 * - job.duplicate with Procore on the PM side: link the Procore project to the ERP job by writing the ERP
 *   job id as the project's `origin_id` (and the ERP job number as `origin_code`), instead of creating it again.
 * - and the Procore rules in rules-procore.ts: ERP job cost push, vendor link, missing cost code.
 * A rule proposes at most once per finding (an open proposal for the same finding is reused), as `tieout`;
 * when the finding changed so the rule would now write something else, the waiting proposal goes stale first.
 * Findings whose fix needs a person's judgement (amounts) get no automatic proposal: a user proposes them.
 */
import type { CompanyConfig } from '../config/schema.ts';
import { listProposals } from '../store/approvals.ts';
import type { Store } from '../store/db.ts';
import { listFindings } from '../store/findings.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { proposeWrite } from './propose.ts';
import { PROCORE_RULES, type Rule } from './rules-procore.ts';
import { supersedeIfChanged } from './stale.ts';

export const linkDuplicateProject: Rule = (f, company) => {
  if (f.check !== 'job.duplicate' || company.pm.type !== 'procore') return null;
  if (!f.pmJobId || !/^\d+$/.test(f.pmJobId) || !f.erpJobId) return null;
  const erpNumber = f.documents.erp[0]?.number ?? null;
  return {
    companyId: company.id,
    operation: 'procore.link',
    payload: {
      resource: 'projects',
      id: f.pmJobId,
      origin_id: f.erpJobId,
      ...(erpNumber ? { origin_code: erpNumber } : {}),
    },
    diff: [
      { field: 'project.origin_id', before: f.documents.pm[0]?.linked_id ?? null, after: f.erpJobId },
      ...(erpNumber ? [{ field: 'project.origin_code', before: null, after: erpNumber }] : []),
    ],
    summary: `Link Procore project ${f.jobNumber ?? f.pmJobId} (${f.pmJobName ?? ''}) to ERP job ${erpNumber ?? f.erpJobId} (${f.erpJobName ?? ''})`,
    findingKey: f.key,
  };
};

const RULES: Rule[] = [linkDuplicateProject, ...PROCORE_RULES];

/** Proposes what the rules find in the company's open findings; returns how many proposals are new. */
export function proposeFromFindings(store: Store, company: CompanyConfig): number {
  let created = 0;
  const written = listProposals(store.db, { companyId: company.id, statuses: ['executed', 'executing'] });
  for (const listed of listFindings(store.db, { companyId: company.id, statuses: ['open'] })) {
    for (const rule of RULES) {
      const input = rule(listed.finding, company);
      if (!input) continue;
      // A snapshot read before the last write for this finding cannot show that write: proposing from it
      // again would write the same thing twice. The next snapshot decides.
      const f = listed.finding;
      const newer = written.some(
        (p) =>
          p.findingKey === f.key &&
          p.operation === input.operation &&
          (p.status === 'executing' || (p.executedAt ?? '') > f.takenAt),
      );
      if (newer) continue;
      // A waiting proposal whose write no longer matches the finding (the amounts moved) must not be written.
      supersedeIfChanged(store, input);
      if (proposeWrite({ ctx: { actor: SYSTEM_ACTOR, store }, input }).created) created++;
    }
  }
  return created;
}
