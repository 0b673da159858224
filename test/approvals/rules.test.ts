/**
 * The rules that turn findings into proposals, golden: for each, the exact payload and diff an approver would
 * see; the findings a rule must leave to a person; and the ERP job cost push carried out against the Procore
 * sandbox (cost code and line item type resolved from their codes, the amount to the cent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { decide } from '../../src/approvals/decide.ts';
import { executeApproved } from '../../src/approvals/executor.ts';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { linkDuplicateProject, proposeFromFindings } from '../../src/approvals/rules.ts';
import { addMissingCostCode, linkSameNameVendor, pushErpJobCost } from '../../src/approvals/rules-procore.ts';
import { listProposals } from '../../src/store/approvals.ts';
import { finding, recordSnapshot } from '../alerts/support.ts';
import { companyConfig } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';
import { ANN_APPROVER, as, BEN_APPROVER, FIXTURE_PM, quietLog, sandboxWriter, testStore } from './support.ts';

const procore = companyConfig(tempDir(), { pm: { type: 'procore', sandbox: { dataset: FIXTURE_PM } } });
const files = companyConfig(tempDir());
const PROJECT = '562949953421312';

const jobcost = (over: Parameters<typeof finding>[0]) =>
  finding({ pmJobId: PROJECT, costCode: '3300', costType: 'material', ...over });

describe('ERP job cost missing from Procore', () => {
  it('proposes a direct cost for exactly the missing amount on that code and type', () => {
    const input = pushErpJobCost(
      jobcost({ key: 'jobcost.mismatch|a', pmAmount: '12250.40', erpAmount: '14000.05' }),
      procore,
    );
    expect(input).toEqual({
      companyId: 'acme',
      operation: 'procore.direct_cost.create',
      payload: {
        projectId: PROJECT,
        direct_cost: {
          direct_cost_type: 'expense',
          direct_cost_date: '2026-11-20',
          description: 'ERP job cost to 2026-11-20 not in Procore: 3300 material',
          status: 'approved',
          line_items: [
            {
              cost_code: '3300',
              line_item_type: 'M',
              amount: '1749.65',
              description: 'ERP job cost 14000.05',
            },
          ],
        },
      },
      diff: [
        {
          field: 'job 2024-017 · 3300 material · Procore job-to-date cost',
          before: '12250.40',
          after: '14000.05',
        },
      ],
      summary: 'Push 1749.65 of ERP job cost on 3300 material to Procore project 2024-017',
      findingKey: 'jobcost.mismatch|a',
    });
  });

  it('names the code as Procore shows it (PM document, else the cost-code map) and the type by the connector’s map', () => {
    const mapped = companyConfig(tempDir(), {
      pm: { type: 'procore', sandbox: { dataset: FIXTURE_PM }, costTypes: { MAT: 'material' } },
      settings: { mappings: { costCodes: [{ pmCode: '03-300', erpCode: '3300' }] } },
    });
    const line = (
      pushErpJobCost(jobcost({ key: 'k', pmAmount: null, erpAmount: '10.00' }), mapped)!.payload as {
        direct_cost: { line_items: Record<string, string>[] };
      }
    ).direct_cost.line_items[0]!;
    expect(line).toMatchObject({ cost_code: '03-300', line_item_type: 'MAT', amount: '10.00' });
  });

  it('leaves alone Procore carrying more, a files PM side, and a finding without code or type', () => {
    expect(pushErpJobCost(jobcost({ key: 'k', pmAmount: '20.00', erpAmount: '10.00' }), procore)).toBeNull();
    expect(pushErpJobCost(jobcost({ key: 'k' }), files)).toBeNull();
    expect(pushErpJobCost(jobcost({ key: 'k', costType: null }), procore)).toBeNull();
    expect(pushErpJobCost(jobcost({ key: 'k', costCode: null }), procore)).toBeNull();
  });
});

describe('vendor and project links', () => {
  const unlinked = (facts: Record<string, unknown>) =>
    finding({
      key: 'vendor.unlinked|7001001',
      check: 'vendor.unlinked',
      vendor: 'ABC Concrete',
      documents: { pm: [{ system: 'pm', table: 'vendors', id: '7001001', number: 'ABC Concrete' }], erp: [] },
      facts,
    });

  it('links a Procore vendor to the ERP vendor of the same name', () => {
    expect(linkSameNameVendor(unlinked({ erp_same_name: 'ABCCON' }), procore)).toEqual({
      companyId: 'acme',
      operation: 'procore.link',
      payload: { resource: 'vendors', id: '7001001', origin_id: 'ABCCON' },
      diff: [{ field: 'vendor ABC Concrete · origin_id', before: null, after: 'ABCCON' }],
      summary: 'Link Procore vendor ABC Concrete to ERP vendor ABCCON (same name)',
      findingKey: 'vendor.unlinked|7001001',
    });
  });

  it('does not guess a vendor when the books hold none of that name', () => {
    expect(linkSameNameVendor(unlinked({ erp_same_name: null }), procore)).toBeNull();
  });

  it('links a project created in both systems (job.duplicate)', () => {
    const dup = finding({
      key: 'job.duplicate|562949953421313|E-44',
      check: 'job.duplicate',
      jobNumber: '2023-044',
      pmJobId: '562949953421313',
      erpJobId: 'E-44',
      pmJobName: 'Hillcrest',
      erpJobName: 'Hillcrest',
      documents: {
        pm: [{ system: 'pm', table: 'jobs', id: '562949953421313' }],
        erp: [{ system: 'erp', table: 'jobs', number: 'HES-44' }],
      },
    });
    expect(linkDuplicateProject(dup, procore)).toMatchObject({
      payload: { resource: 'projects', id: '562949953421313', origin_id: 'E-44', origin_code: 'HES-44' },
      diff: [
        { field: 'project.origin_id', before: null, after: 'E-44' },
        { field: 'project.origin_code', before: null, after: 'HES-44' },
      ],
    });
  });
});

describe('a cost code the books use and the Procore project lacks', () => {
  it('proposes adding it to the project', () => {
    const f = finding({
      key: 'costcode.unmapped|erp|x|4400',
      check: 'costcode.unmapped',
      pmJobId: PROJECT,
      costCode: '03-400',
      facts: { side: 'erp', cost_types: ['material'] },
    });
    expect(addMissingCostCode(f, procore)).toEqual({
      companyId: 'acme',
      operation: 'procore.cost_code.create',
      payload: { projectId: PROJECT, full_code: '03-400', name: '03-400 (from the books)' },
      diff: [{ field: 'project 2024-017 · cost code', before: null, after: '03-400' }],
      summary: 'Add cost code 03-400, used in the books, to Procore project 2024-017',
      findingKey: 'costcode.unmapped|erp|x|4400',
    });
  });

  it('does not add a Procore-only code to Procore', () => {
    const f = finding({ key: 'k', check: 'costcode.unmapped', pmJobId: PROJECT, facts: { side: 'pm' } });
    expect(addMissingCostCode(f, procore)).toBeNull();
  });
});

describe('the ERP job cost push against the Procore sandbox', () => {
  let sandbox: ProcoreSandbox;
  beforeAll(async () => {
    sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
  });
  afterAll(() => sandbox.close());

  it('lands one approved direct cost on 03-300 / Materials for 1749.65, once', async () => {
    const store = testStore();
    const input = pushErpJobCost(
      jobcost({ key: 'jobcost.mismatch|a', pmAmount: '12250.40', erpAmount: '14000.05' }),
      procore,
    )!;
    const { proposal } = proposeWrite({ ctx: as(ANN_APPROVER, store), input });
    decide({ ctx: as(BEN_APPROVER, store), input: { proposalId: proposal.id, decision: 'approve' } });
    const writer = sandboxWriter(sandbox);
    const deps = { writerFor: async () => writer, log: quietLog, baseDelayMs: 1 };
    const [outcome] = await executeApproved({ ctx: as(BEN_APPROVER, store), input: {}, deps });
    expect(outcome!.status).toBe('executed');
    const header = sandbox.data
      .list(`direct_costs:${PROJECT}`)
      .find((d) => d.body.origin_id === proposal.idempotencyKey)!;
    expect(header.body).toMatchObject({
      direct_cost_type: 'expense',
      status: 'approved',
      direct_cost_date: '2026-11-20',
    });
    const lines = sandbox.data
      .list(`direct_cost_lines:${PROJECT}`)
      .filter((l) => l.body.direct_cost_id === Number(header.id));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.body).toMatchObject({
      amount: '1749.65',
      cost_code: expect.objectContaining({ full_code: '03-300' }),
      line_item_type: expect.objectContaining({ code: 'M' }),
    });
  });
});

describe('a finding whose amounts move while its proposal waits', () => {
  it('the waiting proposal goes stale and a new one carries today’s amount; an unchanged finding proposes nothing new', () => {
    const store = testStore();
    const first = jobcost({ key: 'jobcost.mismatch|move', pmAmount: '100.00', erpAmount: '150.00' });
    recordSnapshot(store, 's1', '2026-11-20T08:00:00.000Z', [first]);
    expect(proposeFromFindings(store, procore)).toBe(1);
    expect(proposeFromFindings(store, procore)).toBe(0);
    const moved = jobcost({
      key: 'jobcost.mismatch|move',
      pmAmount: '100.00',
      erpAmount: '120.00',
      snapshotId: 's2',
    });
    recordSnapshot(store, 's2', '2026-11-21T08:00:00.000Z', [moved]);
    expect(proposeFromFindings(store, procore)).toBe(1);
    const all = listProposals(store.db, { companyId: 'acme' });
    expect(all.map((p) => p.status)).toEqual(['stale', 'pending']);
    expect(all[0]!.staleReason).toContain('the finding changed since it was proposed');
    const amount = (p: (typeof all)[number]) =>
      (JSON.parse(p.payload) as { direct_cost: { line_items: { amount: string }[] } }).direct_cost
        .line_items[0]!.amount;
    expect(all.map(amount)).toEqual(['50.00', '20.00']);
  });
});

describe('a snapshot read before the last write for its finding', () => {
  it('proposes nothing again: it cannot show that write', async () => {
    const store = testStore();
    const f = jobcost({ key: 'jobcost.mismatch|w', pmAmount: '100.00', erpAmount: '150.00' });
    recordSnapshot(store, 's1', '2026-11-20T08:00:00.000Z', [f]);
    expect(proposeFromFindings(store, procore)).toBe(1);
    const [p] = listProposals(store.db, { companyId: 'acme' });
    decide({ ctx: as(BEN_APPROVER, store), input: { proposalId: p!.id, decision: 'approve' } });
    const writer = { write: async () => ({ status: 'applied' as const, targetIds: ['1'] }) };
    await executeApproved({
      ctx: as(BEN_APPROVER, store),
      input: {},
      deps: { writerFor: async () => writer, log: quietLog },
    });
    // A run that started before the write publishes after it, still showing the gap.
    recordSnapshot(store, 's2', '2026-11-20T09:00:00.000Z', [
      { ...f, snapshotId: 's2', takenAt: '2026-11-20T09:00:00.000Z' },
    ]);
    expect(proposeFromFindings(store, procore)).toBe(0);
    expect(listProposals(store.db, { companyId: 'acme' }).map((x) => x.status)).toEqual(['executed']);
  });
});
