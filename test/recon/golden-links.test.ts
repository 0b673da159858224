/** Golden cases: jobs, cost codes and vendors — linking and what is reported instead of guessed. */
import { describe, expect, it } from 'vitest';
import { brief, cleanCompany, expected, findingsOf, row, rows } from './company.ts';

describe('linking', () => {
  it('a clean pair of systems has no findings', async () => {
    expect((await findingsOf(cleanCompany())).map(brief)).toEqual([]);
  });

  it('jobs link by normalised number (2024-017 = 2024017) and by linked_id', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'jobs', 'job_id', 'E1').number = ' 2024 017 ';
    expect((await findingsOf(c)).map(brief)).toEqual([]);
  });

  it('a Procore job with no ERP job is job.unlinked', async () => {
    const c = cleanCompany();
    rows(c, 'pm', 'jobs').push({ job_id: 'P3', number: '2024-019', name: 'Harbor Pier', status: 'open' });
    expect((await findingsOf(c)).map(brief)).toEqual([
      expected('job.unlinked', { job: '2024-019', document: '2024-019' }),
    ]);
  });

  it('a closed ERP job that predates Procore is not reported', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'jobs').push({ job_id: 'E9', number: '2019-001', name: 'Old School', status: 'closed' });
    expect((await findingsOf(c)).map(brief)).toEqual([]);
  });

  it('the same job created in both systems is one job.duplicate, not two unlinked jobs', async () => {
    const c = cleanCompany();
    rows(c, 'pm', 'jobs').push({ job_id: 'P3', number: '2024-019', name: 'Harbor Pier', status: 'open' });
    rows(c, 'erp', 'jobs').push({ job_id: 'E3', number: 'HP-1', name: 'Harbor  Pier', status: 'open' });
    const findings = await findingsOf(c);
    expect(findings.map(brief)).toEqual([expected('job.duplicate', { job: '2024-019', document: 'HP-1' })]);
    expect(findings[0]!.message).toContain('same name');
  });

  it('two ERP jobs with the same number are never linked by guess', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'jobs').push({
      job_id: 'E4',
      number: '2024-017',
      name: 'Riverside Clinic (copy)',
      status: 'open',
    });
    const findings = await findingsOf(c);
    expect(findings.map((f) => `${f.check} ${f.pmJobId} ${f.erpJobId}`).sort()).toEqual([
      'job.duplicate P1 E1',
      'job.duplicate P1 E4',
    ]);
  });

  it('a cost code with no counterpart is costcode.unmapped, and its line still differs', async () => {
    const c = cleanCompany();
    rows(c, 'pm', 'cost_codes').push({ code: '02-200', description: 'Earthwork' });
    rows(c, 'pm', 'budget_lines').push({
      job_id: 'P1',
      cost_code: '02-200',
      cost_type: 'labor',
      original_budget: '5000.00',
      revised_budget: '5000.00',
    });
    expect((await findingsOf(c)).map(brief)).toEqual([
      expected('budget.mismatch', { costCode: '02-200', costType: 'labor', pm: '5000.00', erp: '0.00' }),
      expected('costcode.unmapped', { costCode: '02-200' }),
    ]);
  });

  it('the company cost-code map links a PM code to a differently numbered ERP code', async () => {
    const c = cleanCompany();
    rows(c, 'pm', 'budget_lines').push({
      job_id: 'P1',
      cost_code: '02-200',
      cost_type: 'labor',
      original_budget: '5000.00',
      revised_budget: '5000.00',
    });
    rows(c, 'erp', 'budget_lines').push({
      job_id: 'E1',
      cost_code: '2250',
      cost_type: 'labor',
      original_budget: '5000.00',
      revised_budget: '5000.00',
    });
    c.mappings = { costCodes: [{ pmCode: '02-200', erpCode: '2250' }] };
    expect((await findingsOf(c)).map(brief)).toEqual([]);
  });

  it('two PM codes mapped onto one ERP code are compared as their sum (1:N)', async () => {
    const c = cleanCompany();
    row(c, 'pm', 'budget_lines', 'cost_type', 'labor').revised_budget = '60000.00';
    rows(c, 'pm', 'budget_lines').push({
      job_id: 'P1',
      cost_code: '03-310',
      cost_type: 'labor',
      original_budget: '40000.00',
      revised_budget: '40000.00',
    });
    c.mappings = { costCodes: [{ pmCode: '03-310', erpCode: '3300' }] };
    expect((await findingsOf(c)).map(brief)).toEqual([]);
  });

  it('a vendor on a subcontract with no ERP vendor id is vendor.unlinked', async () => {
    const c = cleanCompany();
    delete row(c, 'pm', 'vendors', 'vendor_id', 'PV2').linked_id;
    const findings = await findingsOf(c);
    expect(findings.map((f) => [f.check, f.vendor, f.jobNumber])).toEqual([
      ['vendor.unlinked', 'Metro Electric', '2024-018'],
    ]);
    expect(findings[0]!.message).toContain('commitment SC-002');
  });

  it('a vendor mapping in force links the vendor', async () => {
    const c = cleanCompany();
    delete row(c, 'pm', 'vendors', 'vendor_id', 'PV2').linked_id;
    c.mappings = { vendors: [{ pm: 'PV2', erp: 'V200' }] };
    expect((await findingsOf(c)).map(brief)).toEqual([]);
  });
});

describe('look-alike jobs', () => {
  it('a similar name with the same job sequence number is a duplicate (2026-057 vs 26-057)', async () => {
    const c = cleanCompany();
    rows(c, 'pm', 'jobs').push({
      job_id: 'P3',
      number: '2026-057',
      name: 'Westfield Public Library Renovation',
      status: 'open',
    });
    rows(c, 'erp', 'jobs').push({
      job_id: 'E3',
      number: '26-057',
      name: 'Westfield Public Library Reno',
      status: 'open',
    });
    expect((await findingsOf(c)).map(brief)).toEqual([
      expected('job.duplicate', { job: '2026-057', document: '26-057' }),
    ]);
  });

  it('a similar name with another sequence number is a different job', async () => {
    const c = cleanCompany();
    rows(c, 'pm', 'jobs').push({
      job_id: 'P3',
      number: '2026-058',
      name: 'Riverside Clinic Phase 2',
      status: 'open',
    });
    expect((await findingsOf(c)).map((f) => f.check)).toEqual(['job.unlinked']);
  });
});
