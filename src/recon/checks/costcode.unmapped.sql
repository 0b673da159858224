-- costcode.unmapped: a cost code used on a linked job on one side (budget, commitment, change order, invoice
-- or job cost) whose ERP code — after the company's cost-code map and linked_id — is unknown on the other
-- side for that job (neither in its cost-code list nor used). The amounts are the job cost on the code on the
-- side that uses it; the lines themselves are still compared (a cost that never reaches the other side is a
-- real job-cost difference).
WITH cost_on_code AS (
  SELECT k.side, jk.jk, k.key_code, sum(c.amount) AS amount
  FROM cost_tx c
  JOIN code_key k ON k.side = c.side AND k.job_id = c.job_id AND k.cost_code = c.cost_code
    AND k.cost_type IS NOT DISTINCT FROM c.cost_type
  JOIN job_key jk ON jk.side = c.side AND jk.job_id = c.job_id
  GROUP BY ALL
),
labels AS (
  SELECT k.side, jk.jk, k.key_code, min(k.cost_code) AS code_label, list(DISTINCT k.cost_type ORDER BY k.cost_type) AS types
  FROM code_key k JOIN job_key jk ON jk.side = k.side AND jk.job_id = k.job_id
  GROUP BY ALL
)
SELECT
  u.side || '|' || u.jk || '|' || u.key_code AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  l.code_label AS cost_code,
  CASE WHEN u.side = 'pm' THEN cc.amount END AS pm_amount,
  CASE WHEN u.side = 'erp' THEN cc.amount END AS erp_amount,
  json_object('side', u.side, 'cost_types', l.types) AS facts,
  CASE WHEN u.side = 'pm' THEN to_json([json_object('system', 'pm', 'table', 'cost_codes',
    'number', l.code_label)]) END AS pm_docs,
  CASE WHEN u.side = 'erp' THEN to_json([json_object('system', 'erp', 'table', 'cost_codes',
    'number', l.code_label)]) END AS erp_docs
FROM unmapped_codes u
JOIN labels l USING (side, jk, key_code)
JOIN linked_jobs j USING (jk)
LEFT JOIN cost_on_code cc USING (side, jk, key_code);
