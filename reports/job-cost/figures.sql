-- The figures of one job's cost report, every amount read through the ledger (reports/ledger), one row per
-- amount with the date it counts from (counts_from; NULL: it counts whatever the as-of date). The report as of
-- a date sums the rows that count by then, in SQL (job-cost-lines.sql) or from memory (figures.ts), so the two
-- read one set of rules:
--   * PM budget columns from the ledger's budget lines (the revised budget as the ledger decides it);
--   * committed cost = the PM budget view's column, or, when the PM side gives no such column for the job,
--     approved commitments' lines (commitment lines include their approved change orders);
--   * pending cost changes = pending commitment change orders by their lines, else spread over the lines of
--     the commitment they change, else on the job without a cost code;
--   * PM direct cost = every Procore direct cost (all types) pending or approved; job-to-date = the approved
--     ones plus approved subcontractor invoices, both as ledger_cost_rows counts them;
--   * ERP posted cost = ledger_cost_rows' ERP job cost.
-- Budgets, commitments and change orders carry no dates: they are the snapshot's. pm_job is NULL when the ERP
-- job is not linked. kc, kt, key_code and key_type are the ledger's keys of the row's code and type; doc_table,
-- doc_id, line_id and source_ref name the document each amount comes from (a budget line's doc_id is its job),
-- so a column's drill-down (src/reports/lineage.ts) is these rows, never a second selection.
CREATE OR REPLACE TEMP MACRO job_cost_figures(pm_job, erp_job) AS TABLE
WITH costs AS (
  SELECT * FROM ledger_cost_rows(false, pm_job, erp_job)
),
pm_budget AS (
  SELECT * FROM ledger_budget WHERE side = 'pm' AND job_id = pm_job
),
derive_committed AS (
  SELECT count(committed_cost) = 0 AS yes FROM pm_budget
),
pm_commitments AS (
  SELECT * FROM ledger_commitments()
  WHERE side = 'pm' AND job_id = pm_job AND committed
),
committed AS (
  SELECT l.cost_code, l.cost_type, l.amount, 'commitment_lines' AS doc_table, c.commitment_id AS doc_id,
    l.line_id, l.source_ref
  FROM pm_commitments c
  JOIN commitment_lines l ON l.side = 'pm' AND l.commitment_id = c.commitment_id
  UNION ALL
  SELECT NULL, NULL, c.amount, 'commitments', c.commitment_id, NULL, c.source_ref
  FROM pm_commitments c
  WHERE c.commitment_id NOT IN (SELECT commitment_id FROM commitment_lines WHERE side = 'pm')
),
pending_cos AS (
  SELECT * FROM change_orders
  WHERE side = 'pm' AND kind = 'commitment' AND status = 'pending' AND job_id = pm_job
),
pending_weights AS (
  SELECT co.change_order_id AS item, cl.line_id AS part, co.cost_amount AS amount, cl.amount AS weight
  FROM pending_cos co JOIN commitment_lines cl ON cl.side = 'pm' AND cl.commitment_id = co.commitment_id
  WHERE co.cost_amount IS NOT NULL
    AND co.change_order_id NOT IN (SELECT change_order_id FROM change_order_lines WHERE side = 'pm')
    AND co.commitment_id IN (SELECT commitment_id FROM ledger_spreadable_commitments())
),
pending AS (
  SELECT l.cost_code, l.cost_type, l.amount, 'line' AS basis, 'change_order_lines' AS doc_table,
    co.change_order_id AS doc_id, l.line_id, l.source_ref
  FROM pending_cos co
  JOIN change_order_lines l ON l.side = 'pm' AND l.change_order_id = co.change_order_id
  UNION ALL
  SELECT cl.cost_code, cl.cost_type, s.amount, 'spread', 'change_orders', co.change_order_id, cl.line_id,
    co.source_ref
  FROM spread_cents(pending_weights) s
  JOIN pending_cos co ON co.change_order_id = s.item
  JOIN commitment_lines cl ON cl.side = 'pm' AND cl.commitment_id = co.commitment_id AND cl.line_id = s.part
  UNION ALL
  SELECT NULL, NULL, co.cost_amount, 'unallocated', 'change_orders', co.change_order_id, NULL, co.source_ref
  FROM pending_cos co
  WHERE co.cost_amount IS NOT NULL
    AND co.change_order_id NOT IN (SELECT change_order_id FROM change_order_lines WHERE side = 'pm')
    AND co.change_order_id NOT IN (SELECT item FROM pending_weights)
),
budget AS (
  SELECT cost_code, cost_type, original_budget, approved_changes, revised, pending_changes, committed_cost,
    forecast_to_complete, estimated_cost_at_completion, 'budget_lines' AS doc_table, job_id AS doc_id,
    NULL::VARCHAR AS line_id, source_ref
  FROM pm_budget
),
amounts AS (
  SELECT 'pm' AS side, cost_code, cost_type, 'original_budget' AS measure, original_budget AS amount,
    NULL::DATE AS counts_from, doc_table, doc_id, line_id, source_ref FROM budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'approved_changes', approved_changes, NULL, doc_table, doc_id,
    line_id, source_ref FROM budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'revised_budget', revised, NULL, doc_table, doc_id, line_id,
    source_ref FROM budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'pending_changes', pending_changes, NULL, doc_table, doc_id,
    line_id, source_ref FROM budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'committed_cost', committed_cost, NULL, doc_table, doc_id,
    line_id, source_ref FROM budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'forecast_to_complete', forecast_to_complete, NULL, doc_table,
    doc_id, line_id, source_ref FROM budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'estimated_cost_at_completion', estimated_cost_at_completion, NULL,
    doc_table, doc_id, line_id, source_ref FROM budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'on_budget', 0, NULL, doc_table, doc_id, line_id, source_ref
    FROM budget
  UNION ALL SELECT 'pm', cost_code, cost_type, 'committed_cost', amount, NULL, doc_table, doc_id, line_id,
    source_ref FROM committed
    WHERE (SELECT yes FROM derive_committed)
  UNION ALL SELECT 'pm', cost_code, cost_type, 'pending_cost_changes', amount, NULL, doc_table, doc_id, line_id,
    source_ref FROM pending
  UNION ALL SELECT 'pm', cost_code, cost_type, 'direct_cost', amount, counts_from, doc_table, doc_id, line_id,
    source_ref FROM costs
    WHERE side = 'pm' AND origin LIKE 'direct costs%'
  UNION ALL SELECT 'pm', cost_code, cost_type, 'approved_direct_cost', amount, counts_from, doc_table, doc_id,
    line_id, source_ref FROM costs
    WHERE side = 'pm' AND origin LIKE 'direct costs%' AND jtd
  UNION ALL SELECT 'pm', cost_code, cost_type, 'subcontractor_invoices', amount, counts_from, doc_table, doc_id,
    line_id, source_ref FROM costs
    WHERE side = 'pm' AND origin LIKE 'subcontractor invoices%'
  UNION ALL SELECT 'erp', cost_code, cost_type, 'erp_posted_cost', amount, counts_from, doc_table, doc_id,
    line_id, source_ref FROM costs
    WHERE side = 'erp' AND jtd
)
SELECT a.side, a.cost_code, a.cost_type, a.measure, a.amount, a.counts_from, k.kc, k.kt, c.key_code,
  t.key_type, a.doc_table, a.doc_id, a.line_id, a.source_ref
FROM amounts a
JOIN ledger_codes k ON k.side = a.side AND k.cost_code IS NOT DISTINCT FROM a.cost_code
  AND k.cost_type IS NOT DISTINCT FROM a.cost_type
JOIN ledger_key_codes c ON c.kc = k.kc
LEFT JOIN ledger_key_types t ON t.kt = k.kt;
