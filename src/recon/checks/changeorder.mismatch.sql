-- changeorder.mismatch: a change order approved on both sides whose amounts differ beyond tolerance. Prime
-- change orders are compared by contract (revenue) amount, commitment and budget change orders by cost
-- amount. When both sides carry lines, the difference is reported per cost code × cost type (lines summed
-- within the grain, so edits the ERP merged into one line are one comparison); otherwise per change order.
-- When a job's approved change orders of one kind total the same on both sides, the ERP merged or split them
-- differently: nothing is reported (as in changeorder.missing).
CREATE OR REPLACE TEMP TABLE co_matched AS
WITH co AS (
  SELECT c.*, CASE WHEN c.kind = 'prime' THEN coalesce(c.contract_amount, c.cost_amount)
                   ELSE coalesce(c.cost_amount, c.contract_amount) END AS amount
  FROM change_orders c WHERE c.status = 'approved'
),
totals AS (
  SELECT jk.jk, co.kind, sum(amount) FILTER (WHERE co.side = 'pm') AS pm_total,
    sum(amount) FILTER (WHERE co.side = 'erp') AS erp_total
  FROM co JOIN job_key jk ON jk.side = co.side AND jk.job_id = co.job_id
  GROUP BY ALL
)
SELECT pr.pm_id || '|' || pr.erp_id AS pair, pr.pm_id, pr.erp_id, jk.jk, p.number AS document, p.kind,
  p.amount AS pm_amount, e.amount AS erp_amount,
  json_object('system', 'pm', 'table', 'change_orders', 'id', p.change_order_id, 'number', p.number,
    'date', p.approved_date::VARCHAR, 'status', p.status, 'amount', p.amount::VARCHAR, 'ref', p.source_ref) AS pm_doc,
  json_object('system', 'erp', 'table', 'change_orders', 'id', e.change_order_id, 'number', e.number,
    'date', e.approved_date::VARCHAR, 'status', e.status, 'amount', e.amount::VARCHAR, 'ref', e.source_ref) AS erp_doc
FROM co_pairs pr
JOIN co p ON p.side = 'pm' AND p.change_order_id = pr.pm_id
JOIN co e ON e.side = 'erp' AND e.change_order_id = pr.erp_id
JOIN job_key jk ON jk.side = 'pm' AND jk.job_id = p.job_id
LEFT JOIN totals t ON t.jk = jk.jk AND t.kind IS NOT DISTINCT FROM p.kind
WHERE beyond(p.amount, e.amount, $abs, $rel) AND t.pm_total IS DISTINCT FROM t.erp_total;

-- Lines of the differing pairs, only where both sides of the pair have lines.
CREATE OR REPLACE TEMP TABLE co_line_amounts AS
WITH members AS (
  SELECT pair, 'pm' AS side, pm_id AS doc_id FROM co_matched
  UNION ALL SELECT pair, 'erp', erp_id FROM co_matched
),
with_lines AS (
  SELECT pair FROM members m
  JOIN change_order_lines l ON l.side = m.side AND l.change_order_id = m.doc_id
  GROUP BY pair HAVING count(DISTINCT m.side) = 2
)
SELECT l.side, m.pair AS jk, k.key_code, k.key_type, l.cost_code AS code_label, l.amount,
  [json_object('system', l.side, 'table', 'change_order_lines', 'id', l.change_order_id, 'line', l.line_id,
    'cost_code', l.cost_code, 'cost_type', l.cost_type, 'amount', l.amount::VARCHAR, 'ref', l.source_ref)] AS docs
FROM members m
JOIN with_lines USING (pair)
JOIN change_order_lines l ON l.side = m.side AND l.change_order_id = m.doc_id
JOIN change_orders c ON c.side = l.side AND c.change_order_id = l.change_order_id
JOIN code_key k ON k.side = l.side AND k.job_id = c.job_id AND k.cost_code = l.cost_code
  AND k.cost_type IS NOT DISTINCT FROM l.cost_type;

WITH by_line AS (SELECT * FROM compare_lines('co_line_amounts', $abs, $rel))
SELECT
  m.pair || '|' || b.key_code || '|' || coalesce(b.key_type, '*') AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name, m.document,
  b.code_label AS cost_code, b.key_type AS cost_type, b.pm_amount, b.erp_amount,
  to_json(list_prepend(m.pm_doc, coalesce(b.pm_docs, []))) AS pm_docs,
  to_json(list_prepend(m.erp_doc, coalesce(b.erp_docs, []))) AS erp_docs
FROM by_line b JOIN co_matched m ON m.pair = b.jk JOIN linked_jobs j ON j.jk = m.jk
UNION ALL
SELECT
  m.pair AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name, m.document,
  NULL, NULL, m.pm_amount, m.erp_amount, to_json([m.pm_doc]), to_json([m.erp_doc])
FROM co_matched m JOIN linked_jobs j ON j.jk = m.jk
WHERE m.pair NOT IN (SELECT jk FROM by_line);
