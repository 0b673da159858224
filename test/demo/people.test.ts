/** The demo's people: a newcomer running `npm start` can sign in as each role and the alert emails have readers. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.ts';
import { ensureDemoPeople } from '../../src/demo/people.ts';
import { openStore } from '../../src/store/db.ts';
import { upsertCompany } from '../../src/store/runs.ts';
import { assignedJobs, listUsers, passwordMatches } from '../../src/store/users.ts';
import { tempDir } from '../support/tmp.ts';

describe('demo people', () => {
  const dir = tempDir();
  const demo = path.join(dir, 'demo');
  beforeAll(async () => {
    await generateDemo({ outDir: demo, asOf: '2026-11-20' });
  });

  it('a fresh demo store gets one person per role, each able to sign in with the password written down', async () => {
    const store = openStore(path.join(dir, 'data'));
    upsertCompany(store.db, { id: 'demo', name: 'Granite Peak Builders, Inc.', timezone: 'America/Denver' });
    try {
      const created = await ensureDemoPeople(store, demo);
      expect(created.map((p) => p.role).sort()).toEqual(['admin', 'approver', 'pm', 'viewer']);
      const users = listUsers(store.db);
      expect(users).toHaveLength(4);
      const file = path.join(demo, 'sign-in.txt');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const written = readFileSync(file, 'utf8');
      for (const person of created) {
        const user = users.find((u) => u.email === person.email)!;
        // The project manager works for one company; the others serve both demo companies.
        expect(user.companyId).toBe(person.role === 'pm' ? 'demo' : null);
        expect(await passwordMatches(user.passwordHash, person.password)).toBe(true);
        expect(await passwordMatches(user.passwordHash, `${person.password}x`)).toBe(false);
        expect(written).toContain(`${person.email}\t${person.role}\t${person.password}`);
      }
      const pm = users.find((u) => u.role === 'pm')!;
      const firstJobs = readFileSync(path.join(demo, 'erp', 'jobs.csv'), 'utf8')
        .split('\n')
        .slice(1, 4)
        .map((line) => line.split(',')[2]);
      expect([...assignedJobs(store.db, pm.id, 'demo')].sort()).toEqual(firstJobs.sort());
    } finally {
      store.close();
    }
  });

  it('a store that already has users is left alone, so a restart never resets passwords', async () => {
    const store = openStore(path.join(dir, 'data'));
    try {
      const before = listUsers(store.db).map((u) => [u.email, u.passwordHash]);
      expect(await ensureDemoPeople(store, demo)).toEqual([]);
      expect(listUsers(store.db).map((u) => [u.email, u.passwordHash])).toEqual(before);
    } finally {
      store.close();
    }
  });
});
