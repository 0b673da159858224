-- changeorder.missing: an approved change order on one side whose counterpart (by linked_id, else by unique
-- number on the linked job) is absent or not approved on the other. Change orders flow Procore → ERP, so a PM
-- one missing means the export failed or waits; an ERP-only one was entered around the integration.
-- Pending, rejected and void change orders never count. The amount is the cost (budget) change, the
-- contract change when there is none. When a job's approved change orders of one kind total the same on both
-- sides, they were merged or renumbered by the ERP, not lost: nothing is reported.
WITH co AS (
  SELECT c.*, jk.jk,
    coalesce(c.cost_amount, c.contract_amount) AS amount
  FROM change_orders c JOIN ledger_job_key jk ON jk.side = c.side AND jk.job_id = c.job_id
),
approved AS (SELECT * FROM co WHERE status = 'approved'),
totals AS (
  SELECT jk, kind, sum(amount) FILTER (WHERE side = 'pm') AS pm_total,
    sum(amount) FILTER (WHERE side = 'erp') AS erp_total
  FROM approved GROUP BY ALL
),
one_side AS (
  SELECT a.*, o.status AS other_status, o.number AS other_number
  FROM approved a
  LEFT JOIN ledger_co_pair_of pr ON pr.side = a.side AND pr.doc_id = a.change_order_id
  LEFT JOIN co o ON o.side <> a.side
    AND o.change_order_id = CASE WHEN a.side = 'pm' THEN pr.erp_id ELSE pr.pm_id END
  WHERE o.status IS DISTINCT FROM 'approved'
)
SELECT
  s.side || '|' || s.change_order_id AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  s.number AS document,
  CASE WHEN s.side = 'pm' THEN s.amount END AS pm_amount,
  CASE WHEN s.side = 'erp' THEN s.amount END AS erp_amount,
  json_object('side', s.side, 'kind', s.kind, 'approved_date', s.approved_date::VARCHAR,
    'contract_amount', s.contract_amount::VARCHAR,
    'other_status', s.other_status, 'difference',
    (CASE WHEN s.side = 'pm' THEN s.amount ELSE -s.amount END)::VARCHAR) AS facts,
  to_json([json_object('system', s.side, 'table', 'change_orders', 'id', s.change_order_id,
    'number', s.number, 'kind', s.kind, 'date', s.approved_date::VARCHAR, 'status', s.status,
    'amount', s.amount::VARCHAR, 'ref', s.source_ref)]) AS docs,
  CASE WHEN s.side = 'pm' THEN docs END AS pm_docs,
  CASE WHEN s.side = 'erp' THEN docs END AS erp_docs
FROM one_side s
JOIN ledger_jobs j USING (jk)
LEFT JOIN totals t ON t.jk = s.jk AND t.kind IS NOT DISTINCT FROM s.kind
WHERE t.pm_total IS DISTINCT FROM t.erp_total;
