/**
 * The demo's people, so a newcomer can sign in to the pages and read the alert emails tieout would send:
 * a controller (approver), an office manager (admin), a project manager with a few jobs, and the CPA
 * (viewer). The project manager works for the Sage company's first jobs; the others serve every demo company
 * (the Sage one and the QuickBooks one), as an accounting firm's people would. Created once, when the demo's store has no users, with random passwords written to
 * `<data dir>/demo/sign-in.txt` (readable by the owner only) and printed once.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Store } from '../store/db.ts';
import { addUser, assignJob, hashPassword, listUsers, type Role } from '../store/users.ts';
import { DEMO_COMPANY_ID } from './index.ts';

const PEOPLE: { email: string; role: Role; who: string }[] = [
  { email: 'controller@granitepeak.example', role: 'approver', who: 'controller, approves writes' },
  { email: 'office@granitepeak.example', role: 'admin', who: 'office manager, manages users, reads /outbox' },
  { email: 'pm@granitepeak.example', role: 'pm', who: 'project manager of the first three jobs' },
  { email: 'cpa@granitepeak.example', role: 'viewer', who: 'the CPA, reads everything' },
];

export interface DemoSignIn {
  email: string;
  role: Role;
  password: string;
  who: string;
}

/** Creates the demo's people unless the store already has users; returns who was created (empty if none). */
export async function ensureDemoPeople(store: Store, demoDir: string): Promise<DemoSignIn[]> {
  if (listUsers(store.db).length > 0) return [];
  const jobs = parse(readFileSync(path.join(demoDir, 'erp', 'jobs.csv')), {
    columns: true,
    bom: true,
  }) as { number: string }[];
  const created: DemoSignIn[] = [];
  for (const person of PEOPLE) {
    const password = randomBytes(12).toString('base64url');
    const { user } = addUser(store, {
      email: person.email,
      role: person.role,
      companyId: person.role === 'pm' ? DEMO_COMPANY_ID : null,
      passwordHash: await hashPassword(password),
      tokenName: 'demo',
      by: 'tieout demo',
    });
    if (person.role === 'pm')
      for (const job of jobs.slice(0, 3))
        assignJob(store, {
          userId: user.id,
          companyId: DEMO_COMPANY_ID,
          jobNumber: job.number,
          by: 'tieout demo',
        });
    created.push({ ...person, password });
  }
  const lines = created.map((p) => `${p.email}\t${p.role}\t${p.password}\t${p.who}`);
  writeFileSync(
    path.join(demoDir, 'sign-in.txt'),
    `# tieout demo sign-in (email, role, password, who)\n${lines.join('\n')}\n`,
    { mode: 0o600 },
  );
  chmodSync(path.join(demoDir, 'sign-in.txt'), 0o600); // an existing file keeps its mode through a write
  return created;
}
