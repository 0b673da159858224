-- forecast.overrun: the early warning. On the side the company takes its estimate from (estimateSource), the
-- estimated cost at completion above the revised budget beyond tolerance — per budget line, and per job over
-- the lines that carry an estimate (the revised budget as the ledger decides it: ledger_budget). Closed jobs
-- are left out; lines without an estimate are not guessed.
WITH lines AS (
  SELECT b.side, b.job_id, b.cost_code, b.cost_type, b.estimated_cost_at_completion AS eac, b.revised,
    b.source_ref
  FROM ledger_budget b
  JOIN jobs jb ON jb.side = b.side AND jb.job_id = b.job_id
  WHERE b.side = $estimate_side AND b.estimated_cost_at_completion IS NOT NULL
    AND jb.status IS DISTINCT FROM 'closed'
),
per_line AS (
  SELECT side, job_id, cost_code, cost_type, eac, revised, source_ref FROM lines
  WHERE eac > revised AND beyond(eac, revised, $abs, $rel)
),
per_job AS (
  SELECT side, job_id, NULL AS cost_code, NULL AS cost_type, sum(eac) AS eac, sum(revised) AS revised,
    NULL AS source_ref
  FROM lines GROUP BY side, job_id
  HAVING sum(eac) > sum(revised) AND beyond(sum(eac), sum(revised), $abs, $rel)
),
hits AS (SELECT * FROM per_line UNION ALL SELECT * FROM per_job)
SELECT
  h.side || '|' || h.job_id || '|' || coalesce(h.cost_code, '*') || '|' || coalesce(h.cost_type, '*') AS natural_key,
  coalesce(l.job_number, jb.number) AS job_number,
  coalesce(l.pm_job_id, CASE WHEN h.side = 'pm' THEN h.job_id END) AS pm_job_id,
  coalesce(l.erp_job_id, CASE WHEN h.side = 'erp' THEN h.job_id END) AS erp_job_id,
  coalesce(l.pm_job_name, CASE WHEN h.side = 'pm' THEN jb.name END) AS pm_job_name,
  coalesce(l.erp_job_name, CASE WHEN h.side = 'erp' THEN jb.name END) AS erp_job_name,
  h.cost_code, h.cost_type,
  CASE WHEN h.side = 'pm' THEN h.eac END AS pm_amount,
  CASE WHEN h.side = 'erp' THEN h.eac END AS erp_amount,
  json_object('side', h.side, 'estimated_cost_at_completion', h.eac::VARCHAR, 'revised_budget', h.revised::VARCHAR,
    'overrun', (h.eac - h.revised)::VARCHAR, 'difference', (h.eac - h.revised)::VARCHAR,
    'level', CASE WHEN h.cost_code IS NULL THEN 'job' ELSE 'line' END) AS facts,
  to_json([json_object('system', h.side, 'table', 'budget_lines', 'cost_code', h.cost_code,
    'cost_type', h.cost_type, 'estimated_cost_at_completion', h.eac::VARCHAR,
    'revised_budget', h.revised::VARCHAR, 'ref', h.source_ref)]) AS docs,
  CASE WHEN h.side = 'pm' THEN docs END AS pm_docs,
  CASE WHEN h.side = 'erp' THEN docs END AS erp_docs
FROM hits h
JOIN jobs jb ON jb.side = h.side AND jb.job_id = h.job_id
LEFT JOIN ledger_job_key k ON k.side = h.side AND k.job_id = h.job_id
LEFT JOIN ledger_jobs l ON l.jk = k.jk;
