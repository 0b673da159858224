-- source.report_mismatch: the books' own job report against tieout's reading of the books' detail. Where the
-- ERP side delivered its system's job report (reported_job_totals; QuickBooks: Job Estimates vs Actuals
-- Summary), each job's reported cost to date is compared with the ERP posted job cost the ledger counts for
-- that job (ledger_cost, the figure the job cost report and the WIP show), beyond tolerance. A difference means
-- tieout read the detail differently from the system's own arithmetic (a transaction kind not read, a line
-- filed on the wrong job): every figure tieout shows for that job is then suspect, so the check says so on its
-- own rather than hiding inside jobcost.mismatch. A job without a report row is not compared.
WITH reported AS (
  SELECT job_id, report, max(as_of) AS as_of, sum(cost_to_date) AS reported_cost, list(source_ref) AS refs
  FROM reported_job_totals
  WHERE side = 'erp' AND cost_to_date IS NOT NULL
  GROUP BY job_id, report
),
counted AS (
  SELECT job_id, sum(amount) AS cost, sum(n) AS n
  FROM ledger_cost
  WHERE side = 'erp' AND jtd
  GROUP BY job_id
),
hits AS (
  SELECT r.*, CAST(coalesce(c.cost, 0) AS DECIMAL(18, 2)) AS counted_cost, coalesce(c.n, 0) AS n
  FROM reported r LEFT JOIN counted c USING (job_id)
  WHERE beyond(r.reported_cost, coalesce(c.cost, 0), $abs, $rel)
)
SELECT
  h.report || '|' || h.job_id AS natural_key,
  coalesce(l.job_number, jb.number, h.job_id) AS job_number,
  l.pm_job_id, h.job_id AS erp_job_id, l.pm_job_name, coalesce(l.erp_job_name, jb.name) AS erp_job_name,
  NULL AS pm_amount,
  h.counted_cost AS erp_amount,
  json_object('report', h.report, 'as_of', h.as_of::VARCHAR, 'reported_cost', h.reported_cost::VARCHAR,
    'counted_cost', h.counted_cost::VARCHAR, 'difference', (h.reported_cost - h.counted_cost)::VARCHAR,
    'known_job', jb.job_id IS NOT NULL) AS facts,
  to_json([
    json_object('system', 'erp', 'table', 'reported_job_totals', 'id', h.job_id, 'amount', h.reported_cost::VARCHAR,
      'date', h.as_of::VARCHAR, 'ref', h.refs[1]),
    json_object('system', 'erp', 'table', 'cost_transactions', 'id', h.job_id, 'amount', h.counted_cost::VARCHAR,
      'rows', h.n::VARCHAR)]) AS erp_docs
FROM hits h
LEFT JOIN jobs jb ON jb.side = 'erp' AND jb.job_id = h.job_id
LEFT JOIN ledger_job_key k ON k.side = 'erp' AND k.job_id = h.job_id
LEFT JOIN ledger_jobs l ON l.jk = k.jk;
