/** Roles and segregation of duties on the approval queue, with the audit chain checked after each story. */
import { describe, expect, it } from 'vitest';
import { bulkApprove, decide } from '../../src/approvals/decide.ts';
import { ApprovalError } from '../../src/approvals/errors.ts';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import { listAuditEntries } from './audit-entries.ts';
import { ADA_ADMIN, ANN_APPROVER, as, BEN_APPROVER, PM_PAT, testStore, VIC_VIEWER } from './support.ts';

const link = (id = '562949953421312', origin = 'J-9001') => ({
  companyId: 'acme',
  operation: 'procore.link',
  payload: { resource: 'projects', id, origin_id: origin },
  diff: [{ field: 'project.origin_id', before: null, after: origin }],
  summary: `Link project ${id} to ERP job ${origin}`,
});

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApprovalError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('who may do what on the approval queue', () => {
  it('a viewer may not propose a write', () => {
    const store = testStore();
    expect(code(() => proposeWrite({ ctx: as(VIC_VIEWER, store), input: link() }))).toBe('forbidden');
  });

  it('a PM proposes, but may not approve, even someone else’s proposal', () => {
    const store = testStore();
    const { proposal } = proposeWrite({ ctx: as(ANN_APPROVER, store), input: link() });
    expect(
      code(() => decide({ ctx: as(PM_PAT, store), input: { proposalId: proposal.id, decision: 'approve' } })),
    ).toBe('forbidden');
  });

  it('an approver may not approve their own proposal; a second approver may', () => {
    const store = testStore();
    const { proposal } = proposeWrite({ ctx: as(ANN_APPROVER, store), input: link() });
    expect(
      code(() =>
        decide({ ctx: as(ANN_APPROVER, store), input: { proposalId: proposal.id, decision: 'approve' } }),
      ),
    ).toBe('same_person');
    const approved = decide({
      ctx: as(BEN_APPROVER, store),
      input: { proposalId: proposal.id, decision: 'approve', note: 'matches the ERP job card' },
    });
    expect(approved.status).toBe('approved');
    expect(approved.decidedBy).toBe('ben.approver');
  });

  it('an admin manages users and so does not approve writes', () => {
    const store = testStore();
    const { proposal } = proposeWrite({ ctx: as(PM_PAT, store), input: link() });
    expect(
      code(() =>
        decide({ ctx: as(ADA_ADMIN, store), input: { proposalId: proposal.id, decision: 'approve' } }),
      ),
    ).toBe('forbidden');
  });

  it('a rejection needs a reason, and a decided proposal cannot be decided again', () => {
    const store = testStore();
    const { proposal } = proposeWrite({ ctx: as(PM_PAT, store), input: link() });
    expect(
      code(() =>
        decide({ ctx: as(ANN_APPROVER, store), input: { proposalId: proposal.id, decision: 'reject' } }),
      ),
    ).toBe('note_required');
    decide({
      ctx: as(ANN_APPROVER, store),
      input: { proposalId: proposal.id, decision: 'reject', note: 'wrong job' },
    });
    expect(
      code(() =>
        decide({ ctx: as(BEN_APPROVER, store), input: { proposalId: proposal.id, decision: 'approve' } }),
      ),
    ).toBe('not_pending');
  });

  it('a payload the writer would refuse is refused when proposed, naming the field', () => {
    const store = testStore();
    const bad = { ...link(), payload: { resource: 'projects', id: 'abc', origin_id: 'J-1' } };
    expect(() => proposeWrite({ ctx: as(PM_PAT, store), input: bad })).toThrow(
      /payload\.id: a Procore id is digits/,
    );
    expect(
      code(() => proposeWrite({ ctx: as(PM_PAT, store), input: { ...link(), operation: 'procore.delete' } })),
    ).toBe('invalid_proposal');
  });

  it('bulk approve approves the others and names the ones it refused', () => {
    const store = testStore();
    const mine = proposeWrite({ ctx: as(ANN_APPROVER, store), input: link('1', 'J-1') }).proposal;
    const pats = proposeWrite({ ctx: as(PM_PAT, store), input: link('2', 'J-2') }).proposal;
    const results = bulkApprove({
      ctx: as(ANN_APPROVER, store),
      input: { proposalIds: [mine.id, pats.id, 'nope'] },
    });
    expect(results.map((r) => (r.ok ? 'approved' : r.code))).toEqual([
      'same_person',
      'approved',
      'proposal_not_found',
    ]);
  });

  it('the same finding is proposed once while its proposal is open', () => {
    const store = testStore();
    const input = { ...link(), findingKey: 'job.duplicate:1|J-1' };
    const first = proposeWrite({ ctx: as(PM_PAT, store), input });
    const again = proposeWrite({ ctx: as(PM_PAT, store), input });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.proposal.id).toBe(first.proposal.id);
  });

  it('every proposal and decision lands in the audit chain with actor, before and after', () => {
    const store = testStore();
    const { proposal } = proposeWrite({ ctx: as(PM_PAT, store), input: link() });
    decide({
      ctx: as(ANN_APPROVER, store),
      input: { proposalId: proposal.id, decision: 'approve', note: 'ok' },
    });
    const entries = listAuditEntries(store, `proposal:${proposal.id}`);
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['proposal.create', 'pat.pm'],
      ['proposal.approve', 'ann.approver'],
    ]);
    expect(JSON.parse(entries[1]!.before!).status).toBe('pending');
    expect(JSON.parse(entries[1]!.after!).status).toBe('approved');
    expect(verifyAudit(store.db)).toMatchObject({ ok: true, entries: 2 });
  });
});
