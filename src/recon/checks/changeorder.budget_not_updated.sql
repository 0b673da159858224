-- changeorder.budget_not_updated: per job × cost code × cost type, the budget changes of approved change
-- orders in the PM system (prime and budget change orders; commitment change orders move commitments, not the
-- budget) vs the approved changes the ERP budget holds. Change orders flow Procore → ERP and must also update
-- the ERP budget; when the ERP's approved changes fall short, the budget did not take the change.
-- Only jobs whose ERP budget carries approved changes (or original and revised) are compared, so an ERP
-- without that column never yields a false finding. Lump-sum change orders without lines are not attributable
-- to a line and are left to changeorder.mismatch.
CREATE OR REPLACE TEMP TABLE budget_change_amounts AS
SELECT l.side, jk.jk, k.key_code, k.key_type, l.cost_code AS code_label, l.amount,
  [json_object('system', 'pm', 'table', 'change_orders', 'id', c.change_order_id, 'number', c.number,
    'date', c.approved_date::VARCHAR, 'cost_code', l.cost_code, 'cost_type', l.cost_type,
    'amount', l.amount::VARCHAR, 'ref', c.source_ref)] AS docs
FROM change_order_lines l
JOIN change_orders c ON c.side = l.side AND c.change_order_id = l.change_order_id
JOIN job_key jk ON jk.side = c.side AND jk.job_id = c.job_id
JOIN code_key k ON k.side = l.side AND k.job_id = c.job_id AND k.cost_code = l.cost_code
  AND k.cost_type IS NOT DISTINCT FROM l.cost_type
WHERE l.side = 'pm' AND c.status = 'approved' AND c.kind IN ('prime', 'budget')
UNION ALL
SELECT b.side, jk.jk, k.key_code, k.key_type, b.cost_code,
  coalesce(b.approved_changes, b.revised_budget - b.original_budget),
  [json_object('system', 'erp', 'table', 'budget_lines', 'cost_code', b.cost_code, 'cost_type', b.cost_type,
    'original_budget', b.original_budget::VARCHAR, 'approved_changes', b.approved_changes::VARCHAR,
    'revised_budget', b.revised_budget::VARCHAR, 'ref', b.source_ref)]
FROM budget_lines b
JOIN job_key jk ON jk.side = b.side AND jk.job_id = b.job_id
JOIN code_key k ON k.side = b.side AND k.job_id = b.job_id AND k.cost_code = b.cost_code
  AND k.cost_type = b.cost_type
WHERE b.side = 'erp' AND coalesce(b.approved_changes, b.revised_budget - b.original_budget) IS NOT NULL;

WITH pm_jobs_with_changes AS (SELECT DISTINCT jk FROM budget_change_amounts WHERE side = 'pm'),
erp_jobs_with_column AS (SELECT DISTINCT jk FROM budget_change_amounts WHERE side = 'erp')
SELECT
  j.jk || '|' || c.key_code || '|' || coalesce(c.key_type, '*') AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  c.code_label AS cost_code, c.key_type AS cost_type,
  (SELECT string_agg(DISTINCT json_extract_string(d, '$.number'), ', ') FROM unnest(c.pm_docs) AS t(d)) AS document,
  coalesce(c.pm_amount, 0) AS pm_amount, coalesce(c.erp_amount, 0) AS erp_amount,
  to_json(c.pm_docs) AS pm_docs, to_json(c.erp_docs) AS erp_docs
FROM compare_lines('budget_change_amounts', $abs, $rel) c
JOIN linked_jobs j USING (jk)
WHERE c.jk IN (SELECT jk FROM pm_jobs_with_changes) AND c.jk IN (SELECT jk FROM erp_jobs_with_column)
  AND c.pm_amount IS NOT NULL;
