-- Live job cost by cost code × cost type for one ERP job ($erp_job_id) and its linked PM job: the columns
-- of Procore's standard budget view from the PM side, and beside them the ERP's posted job-to-date cost for
-- the same line, so a PM sees the books' figure hours old and the variance to Procore's.
--   PM budget columns  = budget_lines (side pm) as the PM system reports them;
--   direct cost        = PM direct costs (source direct) dated on or before as-of, pending and approved, not
--                        void (Procore's column);
--   approved direct    = the approved part, which with approved subcontractor invoices makes Procore's JTD;
--   pending cost chg.  = PM commitment change orders still pending;
--   ERP posted cost    = ERP job cost with status posted/approved (void excluded, reversals count), with the
--                        ERP cost code translated to the PM code through the company's cost-code map.
-- Subcontractor invoices come from job-cost-invoices.sql (they may need spreading over commitment lines).
-- $pm_job_id is the PM job linked to $erp_job_id, as job-header.sql found it through the shared job link
-- (NULL when there is none or it is ambiguous: then no PM row matches).
WITH pm_job AS (SELECT $pm_job_id::VARCHAR AS pm_job_id),
budget AS (
  SELECT cost_code, cost_type,
    sum(original_budget) AS original_budget, sum(approved_changes) AS approved_changes,
    sum(revised_budget) AS revised_budget, sum(pending_changes) AS pending_changes,
    sum(committed_cost) AS committed_cost, sum(forecast_to_complete) AS forecast_to_complete,
    sum(estimated_cost_at_completion) AS estimated_cost_at_completion
  FROM budget_lines WHERE side = 'pm' AND job_id IN (SELECT pm_job_id FROM pm_job)
  GROUP BY cost_code, cost_type
),
direct AS (
  SELECT cost_code, cost_type,
    sum(amount) FILTER (WHERE status IN ('pending', 'approved', 'posted')) AS direct_cost,
    sum(amount) FILTER (WHERE status IN ('approved', 'posted')) AS approved_direct_cost
  FROM cost_transactions
  WHERE side = 'pm' AND "source" = 'direct' AND date <= $as_of AND job_id IN (SELECT pm_job_id FROM pm_job)
  GROUP BY cost_code, cost_type
),
pending_cost AS (
  SELECT l.cost_code, l.cost_type, sum(l.amount) AS pending_cost_changes
  FROM change_orders co JOIN change_order_lines l ON l.change_order_id = co.change_order_id AND l.side = co.side
  WHERE co.side = 'pm' AND co.kind = 'commitment' AND co.status = 'pending'
    AND co.job_id IN (SELECT pm_job_id FROM pm_job)
  GROUP BY l.cost_code, l.cost_type
),
erp_cost AS (
  SELECT coalesce(m.pm_cost_code, t.cost_code) AS cost_code,
    coalesce(m.pm_cost_type, t.cost_type) AS cost_type,
    sum(t.amount) AS erp_posted_cost
  FROM cost_transactions t
  LEFT JOIN map_cost_codes m
    ON m.erp_cost_code = t.cost_code AND (m.erp_cost_type IS NULL OR m.erp_cost_type = t.cost_type)
  WHERE t.side = 'erp' AND t.job_id = $erp_job_id AND t.status IN ('posted', 'approved') AND t.date <= $as_of
  GROUP BY 1, 2
),
keys AS (
  SELECT cost_code, cost_type FROM budget
  UNION SELECT cost_code, cost_type FROM direct
  UNION SELECT cost_code, cost_type FROM pending_cost
  UNION SELECT cost_code, cost_type FROM erp_cost
)
SELECT k.cost_code, k.cost_type,
  b.original_budget, b.approved_changes, b.revised_budget, b.pending_changes, b.committed_cost,
  b.forecast_to_complete, b.estimated_cost_at_completion,
  coalesce(d.direct_cost, 0) AS direct_cost,
  coalesce(d.approved_direct_cost, 0) AS approved_direct_cost,
  coalesce(p.pending_cost_changes, 0) AS pending_cost_changes,
  coalesce(e.erp_posted_cost, 0) AS erp_posted_cost,
  b.cost_code IS NOT NULL AS on_budget
FROM keys k
LEFT JOIN budget b ON b.cost_code = k.cost_code AND b.cost_type = k.cost_type
LEFT JOIN direct d ON d.cost_code = k.cost_code AND d.cost_type = k.cost_type
LEFT JOIN pending_cost p ON p.cost_code = k.cost_code AND p.cost_type = k.cost_type
LEFT JOIN erp_cost e ON e.cost_code = k.cost_code AND e.cost_type = k.cost_type
ORDER BY k.cost_code, k.cost_type
