-- Live job cost of one job as of $as_of: the columns of Procore's standard budget view from the PM side and,
-- on the same line, the ERP's posted job-to-date cost — every amount read through the ledger, so the lines are
-- the ones reconciliation compares (reports/ledger):
--   * a line is a cost-code key of the ledger (the ERP code a PM code maps to, normalised: `01-000` and `1000`
--     are one line; two PM codes mapped onto one ERP code are one line, so ERP cost is never counted twice),
--     by cost type when both sides' types allow it (line_grain), else by cost code;
--   * PM direct cost = every Procore direct cost (all types) pending or approved, dated by as-of; job-to-date =
--     the approved ones plus approved subcontractor invoices, both as ledger_cost_lines counts them;
--   * committed cost = the PM budget view's column, or, when the PM side gives no such column for the job,
--     approved commitments' lines (commitment lines include their approved change orders);
--   * pending cost changes = pending commitment change orders by their lines, else spread over the lines of
--     the commitment they change, else on the job without a cost code;
--   * ERP posted cost = ledger_cost_lines' ERP job cost.
-- $pm_job_id / $erp_job_id: the job pair from ledger_erp_jobs ($pm_job_id NULL when the ERP job is unlinked).
WITH costs AS (
  SELECT * FROM ledger_cost_lines($as_of::DATE, false, $pm_job_id::VARCHAR, $erp_job_id::VARCHAR)
),
pm_budget AS (
  SELECT * FROM budget_lines WHERE side = 'pm' AND job_id = $pm_job_id::VARCHAR
),
derive_committed AS (
  SELECT count(committed_cost) = 0 AS yes FROM pm_budget
),
pm_commitments AS (
  SELECT * FROM commitments
  WHERE side = 'pm' AND job_id = $pm_job_id::VARCHAR AND status IN ('approved', 'complete')
),
committed AS (
  SELECT l.cost_code, l.cost_type, l.amount FROM pm_commitments c
  JOIN commitment_lines l ON l.side = 'pm' AND l.commitment_id = c.commitment_id
  UNION ALL
  SELECT NULL, NULL, coalesce(c.revised_amount, c.original_amount + coalesce(c.approved_changes, 0))
  FROM pm_commitments c
  WHERE c.commitment_id NOT IN (SELECT commitment_id FROM commitment_lines WHERE side = 'pm')
),
pending_cos AS (
  SELECT * FROM change_orders
  WHERE side = 'pm' AND kind = 'commitment' AND status = 'pending' AND job_id = $pm_job_id::VARCHAR
),
pending_weights AS (
  SELECT co.change_order_id AS item, cl.line_id AS part, co.cost_amount AS amount, cl.amount AS weight
  FROM pending_cos co JOIN commitment_lines cl ON cl.side = 'pm' AND cl.commitment_id = co.commitment_id
  WHERE co.cost_amount IS NOT NULL
    AND co.change_order_id NOT IN (SELECT change_order_id FROM change_order_lines WHERE side = 'pm')
    AND co.commitment_id IN (SELECT commitment_id FROM ledger_spreadable_commitments())
),
pending AS (
  SELECT l.cost_code, l.cost_type, l.amount, 'line' AS basis FROM pending_cos co
  JOIN change_order_lines l ON l.side = 'pm' AND l.change_order_id = co.change_order_id
  UNION ALL
  SELECT cl.cost_code, cl.cost_type, s.amount, 'spread' FROM spread_cents(pending_weights) s
  JOIN pending_cos co ON co.change_order_id = s.item
  JOIN commitment_lines cl ON cl.side = 'pm' AND cl.commitment_id = co.commitment_id AND cl.line_id = s.part
  UNION ALL
  SELECT NULL, NULL, co.cost_amount, 'unallocated' FROM pending_cos co
  WHERE co.cost_amount IS NOT NULL
    AND co.change_order_id NOT IN (SELECT change_order_id FROM change_order_lines WHERE side = 'pm')
    AND co.change_order_id NOT IN (SELECT item FROM pending_weights)
),
amounts AS (
  SELECT 'pm' AS side, cost_code, cost_type, 'original_budget' AS measure, original_budget AS amount FROM pm_budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'approved_changes', approved_changes FROM pm_budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'revised_budget',
    coalesce(revised_budget, coalesce(original_budget, 0) + coalesce(approved_changes, 0)) FROM pm_budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'pending_changes', pending_changes FROM pm_budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'committed_cost', committed_cost FROM pm_budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'forecast_to_complete', forecast_to_complete FROM pm_budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'estimated_cost_at_completion', estimated_cost_at_completion FROM pm_budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'on_budget', 0 FROM pm_budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'committed_cost', amount FROM committed
    WHERE (SELECT yes FROM derive_committed)
  UNION ALL SELECT 'pm', cost_code, cost_type, 'pending_cost_changes', amount FROM pending
  UNION ALL SELECT 'pm', cost_code, cost_type, 'direct_cost', amount FROM costs
    WHERE side = 'pm' AND origin LIKE 'direct costs%'
  UNION ALL SELECT 'pm', cost_code, cost_type, 'approved_direct_cost', amount FROM costs
    WHERE side = 'pm' AND origin LIKE 'direct costs%' AND jtd
  UNION ALL SELECT 'pm', cost_code, cost_type, 'subcontractor_invoices', amount FROM costs
    WHERE side = 'pm' AND origin LIKE 'subcontractor invoices%'
  UNION ALL SELECT 'erp', cost_code, cost_type, 'erp_posted_cost', amount FROM costs WHERE side = 'erp' AND jtd
),
keyed AS (
  SELECT a.*, 1 AS jk, k.kc, k.kt FROM amounts a
  JOIN ledger_codes k ON k.side = a.side AND k.cost_code IS NOT DISTINCT FROM a.cost_code
    AND k.cost_type IS NOT DISTINCT FROM a.cost_type
),
grain AS (SELECT by_type FROM line_grain(keyed)),
lines AS (
  SELECT k.kc, CASE WHEN (SELECT by_type FROM grain) THEN coalesce(k.kt, 0) ELSE -1 END AS type_key, k.*
  FROM keyed k
)
SELECT
  c.key_code,
  coalesce(string_agg(DISTINCT l.cost_code, ', ' ORDER BY l.cost_code) FILTER (WHERE l.side = 'pm'), '') AS pm_codes,
  coalesce(string_agg(DISTINCT l.cost_code, ', ' ORDER BY l.cost_code) FILTER (WHERE l.side = 'erp'), '') AS erp_codes,
  CASE WHEN l.type_key = -1 THEN '' ELSE coalesce(t.key_type, '') END AS cost_type,
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
JOIN ledger_key_codes c ON c.kc = l.kc
LEFT JOIN ledger_key_types t ON t.kt = l.kt
GROUP BY c.key_code, l.kc, l.type_key, CASE WHEN l.type_key = -1 THEN '' ELSE coalesce(t.key_type, '') END
ORDER BY c.key_code = '', c.key_code, cost_type
