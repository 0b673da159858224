-- costcode.unmapped: a cost code used on a linked job on one side (budget, commitment, change order, invoice
-- or job cost) whose ERP code — after the company's cost-code map and linked_id — is unknown on the other
-- side for that job (neither in its cost-code list nor used). Budget and job-cost lines on such a code are not
-- reported again as mismatches: this finding is the cause.
WITH labels AS (
  SELECT k.side, jk.jk, k.key_code, min(k.cost_code) AS code_label, list(DISTINCT k.cost_type ORDER BY k.cost_type) AS types
  FROM code_key k JOIN job_key jk ON jk.side = k.side AND jk.job_id = k.job_id
  GROUP BY ALL
)
SELECT
  u.side || '|' || u.jk || '|' || u.key_code AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  l.code_label AS cost_code,
  json_object('side', u.side, 'cost_types', l.types) AS facts,
  CASE WHEN u.side = 'pm' THEN to_json([json_object('system', 'pm', 'table', 'cost_codes',
    'number', l.code_label)]) END AS pm_docs,
  CASE WHEN u.side = 'erp' THEN to_json([json_object('system', 'erp', 'table', 'cost_codes',
    'number', l.code_label)]) END AS erp_docs
FROM unmapped_codes u
JOIN labels l USING (side, jk, key_code)
JOIN linked_jobs j USING (jk);
