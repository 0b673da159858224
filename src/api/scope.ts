/** Company and job scoping on top of the role table: a user tied to one company; a pm's own jobs. */

import type { Context } from 'hono';
import { actorOf } from '../approvals/people.ts';
import type { CompanyConfig } from '../config/schema.ts';
import { readsAssignedJobsOnly } from '../roles.ts';
import type { VerbCtx } from '../verb.ts';
import type { ApiEnv, Principal } from './context.ts';
import { ApiError } from './errors.ts';
import { storeReads } from './store-reads.ts';

export function principal(c: Context<ApiEnv>): Principal {
  const p = c.get('principal');
  if (!p) throw new ApiError('unauthorized', 'unauthorized', 'sign in first');
  return p;
}

/** What a handler or page calls a domain verb with: the signed-in person (and the credential they used). */
export function verbCtx(c: Context<ApiEnv>): VerbCtx {
  const p = principal(c);
  return { actor: { ...actorOf(p.user), credential: p.credential }, store: c.get('runtime').store };
}

export function visibleCompanies(c: Context<ApiEnv>): CompanyConfig[] {
  const user = principal(c).user;
  return c
    .get('runtime')
    .config.companies.filter((co) => user.companyId === null || user.companyId === co.id);
}

/** The company named in the path, if the caller may see it (404 for unknown, 403 for another company's). */
export function companyFor(c: Context<ApiEnv>, companyId: string): CompanyConfig {
  const company = c.get('runtime').config.companies.find((co) => co.id === companyId);
  if (!company) {
    throw new ApiError(
      'not_found',
      'company_not_found',
      `no company "${companyId}"; GET /api/companies lists them`,
    );
  }
  const user = principal(c).user;
  if (user.companyId !== null && user.companyId !== company.id) {
    throw new ApiError('forbidden', 'forbidden', `this account is limited to company ${user.companyId}`);
  }
  return company;
}

/** Which jobs the caller may read in a company: null = all of them (every role but pm). */
export function jobFilter(c: Context<ApiEnv>, companyId: string): Set<string> | null {
  const user = principal(c).user;
  if (!readsAssignedJobsOnly(user.role)) return null;
  return storeReads(c.get('runtime').store).assignedJobs(user.id, companyId);
}

export function requireJob(c: Context<ApiEnv>, companyId: string, jobNumber: string | null): void {
  const jobs = jobFilter(c, companyId);
  if (jobs && (jobNumber === null || !jobs.has(jobNumber))) {
    throw new ApiError(
      'forbidden',
      'forbidden',
      `job ${jobNumber ?? '(none)'} is not assigned to you; ask an admin`,
    );
  }
}
