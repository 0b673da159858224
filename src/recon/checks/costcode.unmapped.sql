-- costcode.unmapped: a cost code used on a linked job on one side (budget, commitment, change order, invoice
-- or job cost) whose ERP code — after the company's cost-code map and linked_id — is unknown on the other
-- side at all (neither in its cost-code list nor used on any job). The amounts are the job cost on the code on the
-- side that uses it; the lines themselves are still compared (a cost that never reaches the other side is a
-- real job-cost difference).
WITH used_on_jobs AS (
  SELECT b.side, b.job_id, b.cost_code, b.cost_type FROM budget_lines b
  UNION ALL SELECT side, job_id, cost_code, cost_type FROM ledger_cost WHERE jtd
  UNION ALL SELECT l.side, c.job_id, l.cost_code, l.cost_type FROM change_order_lines l
    JOIN change_orders c ON c.side = l.side AND c.change_order_id = l.change_order_id
  UNION ALL SELECT l.side, c.job_id, l.cost_code, l.cost_type FROM commitment_lines l
    JOIN commitments c ON c.side = l.side AND c.commitment_id = l.commitment_id
  UNION ALL SELECT l.side, p.job_id, l.cost_code, l.cost_type FROM payable_lines l
    JOIN payables p ON p.side = l.side AND p.invoice_id = l.invoice_id
),
unmapped_uses AS (
  SELECT u.side, jk.jk, k.key_code, min(u.cost_code) AS code_label,
    list(DISTINCT u.cost_type ORDER BY u.cost_type) AS types
  FROM used_on_jobs u
  JOIN ledger_codes k ON k.side = u.side AND k.cost_code = u.cost_code AND k.cost_type IS NOT DISTINCT FROM u.cost_type
  JOIN ledger_unmapped_codes m ON m.side = k.side AND m.key_code = k.key_code
  JOIN ledger_job_key jk ON jk.side = u.side AND jk.job_id = u.job_id
  GROUP BY ALL
),
cost_on_code AS (
  SELECT c.side, jk.jk, k.key_code, sum(c.amount) AS amount
  FROM ledger_cost c
  JOIN ledger_codes k ON k.side = c.side AND k.cost_code IS NOT DISTINCT FROM c.cost_code AND k.cost_type IS NOT DISTINCT FROM c.cost_type
  JOIN ledger_unmapped_codes m ON m.side = k.side AND m.key_code = k.key_code
  JOIN ledger_job_key jk ON jk.side = c.side AND jk.job_id = c.job_id
  WHERE c.jtd
  GROUP BY ALL
)
SELECT
  u.side || '|' || j.job_pair || '|' || u.key_code AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  u.code_label AS cost_code,
  CASE WHEN u.side = 'pm' THEN cc.amount END AS pm_amount,
  CASE WHEN u.side = 'erp' THEN cc.amount END AS erp_amount,
  json_object('side', u.side, 'cost_types', u.types) AS facts,
  CASE WHEN u.side = 'pm' THEN to_json([json_object('system', 'pm', 'table', 'cost_codes',
    'number', u.code_label)]) END AS pm_docs,
  CASE WHEN u.side = 'erp' THEN to_json([json_object('system', 'erp', 'table', 'cost_codes',
    'number', u.code_label)]) END AS erp_docs
FROM unmapped_uses u
JOIN ledger_jobs j USING (jk)
LEFT JOIN cost_on_code cc USING (side, jk, key_code);
