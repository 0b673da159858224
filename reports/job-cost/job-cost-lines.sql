-- Live job cost of one job as of $as_of: the columns of Procore's standard budget view from the PM side and,
-- on the same line, the ERP's posted job-to-date cost — the job's figures (figures.sql: job_cost_figures, every
-- amount read through the ledger) that count by $as_of, summed per line. A line is a cost-code key of the
-- ledger (the ERP code a PM code maps to, normalised: `01-000` and `1000` are one line; two PM codes mapped onto
-- one ERP code are one line, so ERP cost is never counted twice), by cost type when both sides' types allow it
-- (line_grain), else by cost code. figures.ts answers the same from memory.
-- $pm_job_id / $erp_job_id: the job pair from ledger_erp_jobs ($pm_job_id NULL when the ERP job is unlinked).
WITH keyed AS (
  SELECT *, 1 AS jk FROM job_cost_figures($pm_job_id::VARCHAR, $erp_job_id::VARCHAR)
  WHERE counts_from IS NULL OR counts_from <= $as_of::DATE
),
grain AS (SELECT by_type FROM line_grain(keyed)),
lines AS (
  SELECT CASE WHEN (SELECT by_type FROM grain) THEN coalesce(k.kt, 0) ELSE -1 END AS type_key, k.*
  FROM keyed k
)
SELECT
  l.key_code,
  coalesce(string_agg(DISTINCT l.cost_code, ', ' ORDER BY l.cost_code) FILTER (WHERE l.side = 'pm'), '') AS pm_codes,
  coalesce(string_agg(DISTINCT l.cost_code, ', ' ORDER BY l.cost_code) FILTER (WHERE l.side = 'erp'), '') AS erp_codes,
  CASE WHEN l.type_key = -1 THEN '' ELSE coalesce(l.key_type, '') END AS cost_type,
  sum(l.amount) FILTER (WHERE measure = 'original_budget') AS original_budget,
  sum(l.amount) FILTER (WHERE measure = 'approved_changes') AS approved_changes,
  sum(l.amount) FILTER (WHERE measure = 'revised_budget') AS revised_budget,
  sum(l.amount) FILTER (WHERE measure = 'pending_changes') AS pending_changes,
  sum(l.amount) FILTER (WHERE measure = 'committed_cost') AS committed_cost,
  sum(l.amount) FILTER (WHERE measure = 'forecast_to_complete') AS forecast_to_complete,
  sum(l.amount) FILTER (WHERE measure = 'estimated_cost_at_completion') AS estimated_cost_at_completion,
  count(*) FILTER (WHERE measure = 'on_budget') > 0 AS on_budget,
  count(*) FILTER (WHERE measure = 'on_budget') > 0
    AND count(*) FILTER (WHERE measure = 'estimated_cost_at_completion' AND l.amount IS NULL) = 0 AS eac_on_every_line,
  coalesce(sum(l.amount) FILTER (WHERE measure = 'direct_cost'), 0) AS direct_cost,
  coalesce(sum(l.amount) FILTER (WHERE measure = 'approved_direct_cost'), 0) AS approved_direct_cost,
  coalesce(sum(l.amount) FILTER (WHERE measure = 'subcontractor_invoices'), 0) AS subcontractor_invoices,
  coalesce(sum(l.amount) FILTER (WHERE measure = 'pending_cost_changes'), 0) AS pending_cost_changes,
  coalesce(sum(l.amount) FILTER (WHERE measure = 'erp_posted_cost'), 0) AS erp_posted_cost
FROM lines l
GROUP BY l.key_code, l.kc, l.type_key, CASE WHEN l.type_key = -1 THEN '' ELSE coalesce(l.key_type, '') END
ORDER BY l.key_code = '', l.key_code, cost_type
