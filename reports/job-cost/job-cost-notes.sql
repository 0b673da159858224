-- What the job cost report must say about how its lines were made: subcontractor invoices without lines
-- (spread over their commitment's lines, or left without a cost code, as ledger_pm_invoices decides), pending
-- commitment change orders without lines, and whether committed cost was derived from commitments.
SELECT
  (SELECT count(*) FROM ledger_pm_invoices($as_of::DATE, false, $pm_job_id::VARCHAR) WHERE basis = 'spread') AS invoices_spread,
  (SELECT count(*) FROM ledger_pm_invoices($as_of::DATE, false, $pm_job_id::VARCHAR) WHERE basis = 'unallocated') AS invoices_unallocated,
  (SELECT count(*) FROM change_orders co
    WHERE co.side = 'pm' AND co.kind = 'commitment' AND co.status = 'pending' AND co.job_id = $pm_job_id::VARCHAR
      AND co.change_order_id NOT IN (SELECT change_order_id FROM change_order_lines WHERE side = 'pm')) AS pending_cos_without_lines,
  (SELECT count(*) FROM budget_lines WHERE side = 'pm' AND job_id = $pm_job_id::VARCHAR) AS pm_budget_lines,
  (SELECT count(committed_cost) FROM budget_lines WHERE side = 'pm' AND job_id = $pm_job_id::VARCHAR) AS pm_committed_lines
