-- budget.mismatch: the revised budget per job × cost code × cost type, PM side vs ERP side.
-- Budgets flow Procore → ERP, so a difference means an export failed, a change order never reached the ERP
-- budget, or a budget was changed on one side after it was locked. Revised = original + approved changes when
-- a system does not carry the revised column. Pending changes never count. Lines are compared at the grain
-- both sides hold (compare_lines in ../lines.sql); documents are gathered only for the lines that differ.
CREATE OR REPLACE TEMP VIEW budget_lines_compared AS
SELECT b.side, jk.jk, k.kc, k.kt, b.cost_code AS code_label,
  coalesce(b.revised_budget, b.original_budget + coalesce(b.approved_changes, 0), b.original_budget, 0) AS amount,
  b.cost_type, b.original_budget, b.approved_changes, b.revised_budget, b.source_ref
FROM budget_lines b
JOIN ledger_job_key jk ON jk.side = b.side AND jk.job_id = b.job_id
JOIN ledger_codes k ON k.side = b.side AND k.cost_code = b.cost_code AND k.cost_type = b.cost_type;

CREATE OR REPLACE TEMP TABLE budget_differences AS
SELECT * FROM compare_lines_before('budget_lines_compared', $abs, $rel);

WITH docs AS (
  SELECT jk, kc, coalesce(diff_type, '*') AS type_key,
    to_json(list(json_object('system', side, 'table', 'budget_lines', 'cost_code', code_label,
    'cost_type', cost_type, 'original_budget', original_budget::VARCHAR, 'approved_changes', approved_changes::VARCHAR,
    'revised_budget', revised_budget::VARCHAR, 'ref', source_ref)) FILTER (WHERE side = 'pm')) AS pm_docs,
    to_json(list(json_object('system', side, 'table', 'budget_lines', 'cost_code', code_label,
    'cost_type', cost_type, 'original_budget', original_budget::VARCHAR, 'approved_changes', approved_changes::VARCHAR,
    'revised_budget', revised_budget::VARCHAR, 'ref', source_ref)) FILTER (WHERE side = 'erp')) AS erp_docs
  FROM differing_lines('budget_differences', 'budget_lines_compared')
  GROUP BY ALL
)
SELECT
  j.job_pair || '|' || c.key_code || '|' || coalesce(c.key_type, '*') AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  c.code_label AS cost_code, c.key_type AS cost_type, c.pm_amount, c.erp_amount, d.pm_docs, d.erp_docs
FROM budget_differences c
JOIN ledger_jobs j USING (jk)
LEFT JOIN docs d ON d.jk = c.jk AND d.kc = c.kc AND d.type_key = coalesce(c.key_type, '*');
