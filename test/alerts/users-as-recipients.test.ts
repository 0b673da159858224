/** Alert recipients come from the users store: a PM with their assigned jobs, approvers and admins, not viewers. */
import { describe, expect, it } from 'vitest';
import { alertRecipients } from '../../src/alerts/recipients.ts';
import { usersAsRecipients } from '../../src/alerts/users.ts';
import { upsertCompany } from '../../src/store/runs.ts';
import { addUser, assignJob } from '../../src/store/users.ts';
import { testStore } from '../approvals/support.ts';

describe('recipients from the users store', () => {
  it('a PM hears about their jobs; approvers and admins about everything; viewers and other companies nothing', () => {
    const store = testStore();
    upsertCompany(store.db, { id: 'other', name: 'Other', timezone: 'UTC' });
    const pat = addUser(store, { email: 'pat@acme.test', role: 'pm', companyId: 'acme', by: 'ada' }).user;
    assignJob(store, { userId: pat.id, companyId: 'acme', jobNumber: '2024-017', by: 'ada' });
    addUser(store, { email: 'ann@acme.test', role: 'approver', companyId: null, by: 'ada' });
    addUser(store, { email: 'vic@acme.test', role: 'viewer', companyId: 'acme', by: 'ada' });
    addUser(store, { email: 'oz@other.test', role: 'admin', companyId: 'other', by: 'ada' });
    const recipients = alertRecipients(
      { id: 'acme', alertRecipients: ['cpa@firm.test', 'ann@acme.test'] },
      (id) => usersAsRecipients(store.db, id),
    );
    expect(recipients).toEqual([
      { email: 'ann@acme.test', role: 'approver', jobs: undefined },
      { email: 'pat@acme.test', role: 'pm', jobs: ['2024-017'] },
      { email: 'cpa@firm.test', role: 'extra' },
    ]);
  });
});
