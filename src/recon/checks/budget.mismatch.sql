-- budget.mismatch: the revised budget per job × cost code × cost type, PM side vs ERP side.
-- Budgets flow Procore → ERP, so a difference means an export failed, or a budget was changed on one side
-- after it was locked. Revised = original + approved changes when a system does not carry the revised column.
-- Pending changes never count. Codes with no counterpart at all are costcode.unmapped instead, and lines are
-- compared at the grain both sides hold (see compare_lines in ../links.sql).
CREATE OR REPLACE TEMP TABLE budget_amounts AS
SELECT b.side, jk.jk, k.key_code, k.key_type, b.cost_code AS code_label,
  coalesce(b.revised_budget, b.original_budget + coalesce(b.approved_changes, 0), b.original_budget, 0) AS amount,
  [json_object('system', b.side, 'table', 'budget_lines', 'cost_code', b.cost_code, 'cost_type', b.cost_type,
    'original_budget', b.original_budget::VARCHAR, 'approved_changes', b.approved_changes::VARCHAR,
    'revised_budget', b.revised_budget::VARCHAR, 'ref', b.source_ref)] AS docs
FROM budget_lines b
JOIN job_key jk ON jk.side = b.side AND jk.job_id = b.job_id
JOIN code_key k ON k.side = b.side AND k.job_id = b.job_id AND k.cost_code = b.cost_code
  AND k.cost_type = b.cost_type;

SELECT
  j.jk || '|' || c.key_code || '|' || coalesce(c.key_type, '*') AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  c.code_label AS cost_code, c.key_type AS cost_type,
  c.pm_amount, c.erp_amount, to_json(c.pm_docs) AS pm_docs, to_json(c.erp_docs) AS erp_docs
FROM compare_lines('budget_amounts', $abs, $rel) c
JOIN linked_jobs j USING (jk);
