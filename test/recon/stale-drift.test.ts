/** source.stale suppresses everything else; drift compares two snapshots' findings. */
import { describe, expect, it } from 'vitest';
import { diffFindings, type Finding, staleFindingForFailedRun } from '../../src/recon/index.ts';
import { cleanCompany, findingsOf, row, SIDES_CURRENT } from './company.ts';

function plantedCompany() {
  const c = cleanCompany();
  row(c, 'erp', 'budget_lines', 'cost_type', 'labor').revised_budget = '90000.00';
  c.erp.change_orders = [];
  return c;
}

describe('source.stale', () => {
  it('a missing ERP side is the only finding, however many differences the data shows', async () => {
    const findings = await findingsOf(plantedCompany(), {}, [SIDES_CURRENT[0]!]);
    expect(findings.map((f) => [f.check, f.facts.side])).toEqual([['source.stale', 'erp']]);
    expect(findings[0]!.message).toContain('accounting (ERP) side is missing');
  });

  it('an ERP read older than staleAfterHours is stale', async () => {
    const sides = [
      SIDES_CURRENT[0]!,
      { side: 'erp' as const, system: 'sage100c', finishedAt: '2026-10-29T02:00:00.000Z' },
    ];
    const findings = await findingsOf(plantedCompany(), { staleAfterHours: 36 }, sides);
    expect(findings.map((f) => f.check)).toEqual(['source.stale']);
    expect(findings[0]!.message).toContain(
      'Sage 100 Contractor data is from 2026-10-29T02:00:00.000Z, 77 hours',
    );
  });

  it('a read within staleAfterHours is current and the checks run', async () => {
    const findings = await findingsOf(plantedCompany(), { staleAfterHours: 36 });
    expect(findings.map((f) => f.check)).toEqual(['budget.mismatch', 'changeorder.missing']);
  });

  it('a failed run yields one source.stale finding naming the failure', () => {
    const f = staleFindingForFailedRun({
      companyId: 'acme',
      runId: 'run-7',
      at: '2026-11-01T07:00:00.000Z',
      side: 'pm',
      system: 'procore',
      error: 'HTTP 401 from Procore: the token was revoked',
    });
    expect(f.check).toBe('source.stale');
    expect(f.key).toBe('source.stale|pm');
    expect(f.message).toContain('Procore could not be read (HTTP 401 from Procore: the token was revoked)');
  });
});

describe('drift', () => {
  const at = (f: Finding, takenAt: string, difference: string | null): Finding => ({
    ...f,
    takenAt,
    difference,
  });

  it('classifies new, worsened, improved, unchanged and resolved findings with their age', async () => {
    const [budget, changeOrder] = await findingsOf(plantedCompany());
    const extra = { ...budget!, key: 'jobcost.mismatch|x', check: 'jobcost.mismatch' as const };
    const gone = { ...budget!, key: 'invoice.mismatch|y', check: 'invoice.mismatch' as const };
    const previous = [
      { ...at(budget!, '2026-10-31T07:00:00.000Z', '5000.00'), firstSeenAt: '2026-10-20T07:00:00.000Z' },
      at(changeOrder!, '2026-10-31T07:00:00.000Z', '12000.00'),
      at(extra, '2026-10-31T07:00:00.000Z', '-900.00'),
      at(gone, '2026-10-31T07:00:00.000Z', '10.00'),
    ];
    const current = [
      at(budget!, '2026-11-01T07:00:00.000Z', '10000.00'),
      at(changeOrder!, '2026-11-01T07:00:00.000Z', '12000.00'),
      at(extra, '2026-11-01T07:00:00.000Z', '-100.00'),
      { ...at(budget!, '2026-11-01T07:00:00.000Z', '1.50'), key: 'budget.mismatch|new' },
    ];
    const drift = diffFindings(previous, current).map((d) => [d.key, d.state, d.ageDays]);
    expect(drift).toEqual([
      [budget!.key, 'worsened', 12],
      [changeOrder!.key, 'unchanged', 1],
      ['jobcost.mismatch|x', 'improved', 1],
      ['budget.mismatch|new', 'new', 0],
      ['invoice.mismatch|y', 'resolved', 0],
    ]);
  });

  it('the same problem in the next snapshot has the same key', async () => {
    const first = await findingsOf(plantedCompany());
    const second = await findingsOf(plantedCompany());
    expect(second.map((f) => f.key)).toEqual(first.map((f) => f.key));
    expect(diffFindings(first, second).every((d) => d.state === 'unchanged')).toBe(true);
  });
});
