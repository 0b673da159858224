/**
 * The Job Estimates vs Actuals Summary → reported_job_totals, from a JobReportQueryRs written by hand in the
 * shape of the qbXML 13.0 template (ReportRet: ColDesc with ColTitle, DataRow with RowData and ColData). The
 * columns are in an order other than the sandbox's, to show they are found by title; a sub-job's row adds into
 * its job (1,200.00 + 300.50 = 1,500.50 of actual cost; 5,000.00 + 0.00 estimated); the owner's own row and the
 * total row are left out.
 */
import { describe, expect, it } from 'vitest';
import { Lookups } from '../../connectors/qbd/map/lookups.ts';
import { DEFAULT_MAPPING } from '../../connectors/qbd/map/mapping.ts';
import { jobReportRecords } from '../../connectors/qbd/map/report.ts';
import { child, parseXml, type QbNode } from '../../connectors/qbd/qbxml/xml.ts';

const customer = (id: string, name: string, fullName: string, sublevel: string, parent?: string) => ({
  id,
  ret: 'CustomerRet',
  node: {
    ListID: id,
    Name: name,
    FullName: fullName,
    Sublevel: sublevel,
    ...(parent ? { ParentRef: { ListID: parent } } : {}),
  } as QbNode,
});

const customers = [
  customer('80000001-1', 'Eastgate Utility District', 'Eastgate Utility District', '0'),
  customer(
    '80000002-1',
    '2026-015 Water Plant',
    'Eastgate Utility District:2026-015 Water Plant',
    '1',
    '80000001-1',
  ),
  customer(
    '80000003-1',
    'Phase 2',
    'Eastgate Utility District:2026-015 Water Plant:Phase 2',
    '2',
    '80000002-1',
  ),
];

const col = (id: string, value: string) => `<ColData colID="${id}" value="${value}" />`;
const RESPONSE = `<?xml version="1.0" ?>
<QBXML><QBXMLMsgsRs>
<JobReportQueryRs requestID="9" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
<ReportRet>
  <ReportTitle>Job Estimates vs. Actuals Summary</ReportTitle>
  <ReportBasis>Accrual</ReportBasis>
  <NumRows>4</NumRows><NumColumns>4</NumColumns><NumColTitleRows>1</NumColTitleRows>
  <ColDesc colID="1" dataType="STRTYPE"><ColTitle titleRow="1" /><ColType>Label</ColType></ColDesc>
  <ColDesc colID="2" dataType="AMTTYPE"><ColTitle titleRow="1" value="Act. Cost" /><ColType>Amount</ColType></ColDesc>
  <ColDesc colID="3" dataType="AMTTYPE"><ColTitle titleRow="1" value="Est. Cost" /><ColType>Amount</ColType></ColDesc>
  <ColDesc colID="4" dataType="AMTTYPE"><ColTitle titleRow="1" value="Act. Revenue" /><ColType>Amount</ColType></ColDesc>
  <ReportData>
    <DataRow rowNumber="1"><RowData rowType="customer" value="Eastgate Utility District" />${col('1', 'Eastgate Utility District')}${col('2', '75.00')}${col('3', '0.00')}${col('4', '0.00')}</DataRow>
    <DataRow rowNumber="2"><RowData rowType="customer" value="Eastgate Utility District:2026-015 Water Plant" />${col('1', '2026-015 Water Plant')}${col('2', '1200.00')}${col('3', '5000.00')}${col('4', '900.00')}</DataRow>
    <DataRow rowNumber="3"><RowData rowType="customer" value="Eastgate Utility District:2026-015 Water Plant:Phase 2" />${col('1', 'Phase 2')}${col('2', '300.50')}${col('3', '0.00')}${col('4', '0.00')}</DataRow>
    <TotalRow rowNumber="4"><RowData rowType="label" value="TOTAL" />${col('1', 'TOTAL')}${col('2', '1575.50')}${col('3', '5000.00')}${col('4', '900.00')}</TotalRow>
  </ReportData>
</ReportRet>
</JobReportQueryRs>
</QBXMLMsgsRs></QBXML>`;

describe('the Job Estimates vs Actuals Summary', () => {
  it('gives one row per job, sub-jobs added in, columns found by title', () => {
    const doc = parseXml(RESPONSE);
    const rs = child(child(child(doc, 'QBXML'), 'QBXMLMsgsRs'), 'JobReportQueryRs');
    const lookups = new Lookups(DEFAULT_MAPPING, {
      customers,
      items: [],
      classes: [],
      accounts: [],
      vendors: [],
    });
    const records = jobReportRecords(child(rs, 'ReportRet'), lookups, '2026-11-20');
    expect(records.map((r) => (r.ok ? r.values : r))).toEqual([
      {
        report: 'job_estimates_vs_actuals',
        job_id: '80000002-1',
        as_of: '2026-11-20',
        cost_to_date: '1500.50',
        estimated_cost: '5000.00',
        revenue_to_date: '900.00',
      },
    ]);
    expect(records[0]!.ok && records[0]!.sourceRef).toContain('row 2');
  });

  it('a session that read no report gives no rows', () => {
    const lookups = new Lookups(DEFAULT_MAPPING, {
      customers,
      items: [],
      classes: [],
      accounts: [],
      vendors: [],
    });
    expect(jobReportRecords(undefined, lookups, '2026-11-20')).toEqual([]);
  });
});
