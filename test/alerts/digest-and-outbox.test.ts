/**
 * The approver's digest (ages, the no-approver alarm, overdue items, once a day) and the demo outbox:
 * with no SMTP_URL every email is written as an .eml file a newcomer can open.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queueApproverDigest } from '../../src/alerts/digest.ts';
import { deliverOutbox } from '../../src/alerts/outbox.ts';
import { alertTransport } from '../../src/alerts/transport.ts';
import { decide } from '../../src/approvals/decide.ts';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { markStaleProposals } from '../../src/approvals/stale.ts';
import { listAlertMessages } from '../../src/store/alerts.ts';
import { getProposal } from '../../src/store/approvals.ts';
import { ANN_APPROVER, as, PM_PAT, testStore } from '../approvals/support.ts';
import { tempDir } from '../support/tmp.ts';
import { finding, recordSnapshot } from './support.ts';

const company = { id: 'acme', name: 'Acme Builders' };
const link = (id: string, key?: string) => ({
  companyId: 'acme',
  operation: 'procore.link',
  payload: { resource: 'projects', id, origin_id: `J-${id}` },
  diff: [{ field: 'project.origin_id', before: null, after: `J-${id}` }],
  summary: `Link project ${id} to ERP job J-${id}`,
  findingKey: key ?? null,
});

describe('the approver digest', () => {
  it('lists what waits with its age and flags items older than the company allows', () => {
    const store = testStore();
    const old = { ...as(PM_PAT, store), now: () => new Date('2026-11-10T15:00:00Z') };
    proposeWrite({ ctx: old, input: link('1') });
    proposeWrite({ ctx: { ...old, now: () => new Date('2026-11-25T15:00:00Z') }, input: link('2') });
    const queued = queueApproverDigest(store, {
      company,
      recipients: [
        { email: 'ann@acme.test', role: 'approver' },
        { email: 'pat@acme.test', role: 'pm', jobs: ['2024-017'] },
      ],
      staleDays: 7,
      baseUrl: 'https://tieout.acme.test',
      now: new Date('2026-11-26T13:00:00Z'),
    });
    expect(queued).toBe(1);
    const [digest] = listAlertMessages(store.db, 'acme');
    expect(digest).toMatchObject({ kind: 'digest', recipient: 'ann@acme.test' });
    expect(digest!.subject).toBe('Acme Builders: 2 write(s) waiting for approval, 1 overdue');
    // The line is what the payload does (resource projects, id 1, origin_id J-1), not the proposer's words.
    expect(digest!.text).toContain(
      'Set origin_id of Procore project 1 to "J-1" — proposed by pat.pm, 15 day(s) ago',
    );
    expect(digest!.text).not.toContain('Link project 1 to ERP job J-1');
    // The audit head at queueing: the two proposals are entries 1 and 2 of this fresh store.
    expect(digest!.text).toMatch(
      /Audit chain head \(keep this; check with tieout audit verify --head\): 2:k1:[0-9a-f]{64}/,
    );
    expect(digest!.text).toContain('! 1 proposal(s) have waited longer than 7 days.');
    // Once a day.
    expect(
      queueApproverDigest(store, {
        company,
        recipients: [{ email: 'ann@acme.test', role: 'approver' }],
        staleDays: 7,
        baseUrl: 'x',
        now: new Date('2026-11-26T18:00:00Z'),
      }),
    ).toBe(0);
  });

  it('a company with no approver is told so, even with nothing waiting', () => {
    const store = testStore();
    queueApproverDigest(store, {
      company,
      recipients: [{ email: 'ada@acme.test', role: 'admin' }],
      staleDays: 7,
      baseUrl: 'https://tieout.acme.test',
    });
    const [digest] = listAlertMessages(store.db, 'acme');
    expect(digest!.subject).toContain('no approver assigned');
    expect(digest!.text).toContain('has no approver: proposed writes can never be approved');
  });
});

describe('a proposal whose finding is gone', () => {
  it('goes stale when a newer snapshot no longer shows the finding, and is never executed', () => {
    const store = testStore();
    const dup = finding({ key: 'job.duplicate:7|E-7', check: 'job.duplicate' });
    recordSnapshot(store, 's1', '2026-11-20T08:00:00.000Z', [dup]);
    const { proposal } = proposeWrite({ ctx: as(PM_PAT, store), input: link('7', dup.key) });
    decide({ ctx: as(ANN_APPROVER, store), input: { proposalId: proposal.id, decision: 'approve' } });
    recordSnapshot(store, 's2', '2026-11-21T08:00:00.000Z', []);
    const staled = markStaleProposals(store, { companyId: 'acme', snapshotId: 's2' });
    expect(staled.map((p) => p.id)).toEqual([proposal.id]);
    expect(getProposal(store.db, proposal.id)).toMatchObject({
      status: 'stale',
      staleReason: 'snapshot s2 no longer shows finding job.duplicate:7|E-7',
    });
  });
});

describe('the outbox without SMTP', () => {
  it('writes each email as an .eml file under the data directory', async () => {
    const dataDir = tempDir();
    const store = testStore();
    queueApproverDigest(store, {
      company,
      recipients: [{ email: 'ada@acme.test', role: 'admin' }],
      staleDays: 7,
      baseUrl: 'https://t',
    });
    const transport = alertTransport(dataDir, {});
    expect(transport.kind).toBe('files');
    expect(await deliverOutbox(store, transport)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    const [written] = listAlertMessages(store.db, 'acme');
    expect(written!.status).toBe('written');
    const eml = readFileSync(path.join(dataDir, written!.file!), 'utf8');
    expect(eml).toMatch(/^To: ada@acme\.test$/m);
    // The subject carries a dash, so it is MIME-encoded; the header is there and the plain-text part readable.
    expect(eml).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(eml).toContain('Content-Type: text/plain');
    expect(eml).toContain('multipart/alternative');
  });
});
