-- changeorder.budget_not_updated: an approved change order that reached the ERP (approved there too) but
-- that the ERP budget did not take. Change orders flow Procore → ERP and must also update the ERP budget; a
-- budget locked after the original export keeps the change order and misses the budget change.
-- Per job × cost code, the budget changes of the PM's approved prime and budget change orders (commitment
-- change orders move commitments, not the budget) are compared with the approved changes the ERP budget
-- holds, counting only change orders that reached the ERP (changeorder.missing explains the others). The
-- shortfall is attributed to the latest change orders of its sign first — a locked budget misses the later
-- additions (or credits). One
-- finding per change order; the line differences themselves are budget.mismatch. Only jobs whose ERP budget
-- carries approved changes (or original and revised) are compared, so an ERP without them never yields a
-- false finding; change orders without lines cannot be attributed to a line and are not judged here.
WITH pm_co AS (
  SELECT c.change_order_id, c.number, c.approved_date, c.cost_amount, c.source_ref, jk.jk, k.key_code,
    min(l.cost_code) AS code_label, sum(l.amount) AS amount,
    EXISTS (
      SELECT 1 FROM ledger_co_pairs pr JOIN change_orders e ON e.side = 'erp' AND e.change_order_id = pr.erp_id
      WHERE pr.pm_id = c.change_order_id AND e.status = 'approved'
    ) AS reached,
    EXISTS (
      SELECT 1 FROM ledger_co_pairs pr JOIN change_orders e ON e.side = 'erp' AND e.change_order_id = pr.erp_id
      WHERE pr.pm_id = c.change_order_id AND e.status = 'approved' AND beyond(c.cost_amount, e.cost_amount, $abs, $rel)
    ) AS differs
  FROM change_orders c
  JOIN change_order_lines l ON l.side = c.side AND l.change_order_id = c.change_order_id
  JOIN ledger_job_key jk ON jk.side = c.side AND jk.job_id = c.job_id
  JOIN ledger_codes k ON k.side = l.side AND k.cost_code = l.cost_code
    AND k.cost_type IS NOT DISTINCT FROM l.cost_type
  WHERE c.side = 'pm' AND c.status = 'approved' AND c.kind IN ('prime', 'budget')
  GROUP BY ALL
),
erp_changes AS (
  SELECT jk.jk, k.key_code, sum(coalesce(b.approved_changes, b.revised_budget - b.original_budget)) AS amount
  FROM budget_lines b
  JOIN ledger_job_key jk ON jk.side = b.side AND jk.job_id = b.job_id
  JOIN ledger_codes k ON k.side = b.side AND k.cost_code = b.cost_code
    AND k.cost_type = b.cost_type
  WHERE b.side = 'erp' AND coalesce(b.approved_changes, b.revised_budget - b.original_budget) IS NOT NULL
  GROUP BY ALL
),
line_shortfall AS (
  SELECT p.jk, p.key_code,
    coalesce(sum(p.amount) FILTER (WHERE p.reached), 0) - coalesce(any_value(e.amount), 0) AS unexplained
  FROM pm_co p LEFT JOIN erp_changes e USING (jk, key_code)
  WHERE p.jk IN (SELECT jk FROM erp_changes)
  GROUP BY p.jk, p.key_code
  -- a line touched by a change order whose amounts differ is explained by changeorder.mismatch
  HAVING NOT bool_or(p.differs)
),
attributed AS (
  SELECT p.*, s.unexplained,
    sum(p.amount) OVER (PARTITION BY p.jk, p.key_code ORDER BY p.approved_date DESC NULLS LAST, p.number DESC
      ROWS UNBOUNDED PRECEDING) AS later_and_this
  FROM pm_co p JOIN line_shortfall s USING (jk, key_code)
  WHERE p.reached AND beyond(s.unexplained, 0, $abs, $rel) AND sign(p.amount) = sign(s.unexplained)
),
not_taken AS (
  SELECT jk, change_order_id, any_value(number) AS number, any_value(approved_date) AS approved_date,
    any_value(cost_amount) AS cost_amount, any_value(source_ref) AS source_ref, sum(amount) AS missed,
    list(code_label ORDER BY code_label) AS codes
  FROM attributed
  WHERE abs(later_and_this) <= abs(unexplained) + $abs
  GROUP BY jk, change_order_id
)
SELECT
  j.job_pair || '|' || n.change_order_id AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name, n.number AS document,
  coalesce(n.cost_amount, n.missed) AS pm_amount, coalesce(n.cost_amount, n.missed) - n.missed AS erp_amount,
  json_object('approved_date', n.approved_date::VARCHAR, 'cost_codes', array_to_string(n.codes, ', '),
    'missed', n.missed::VARCHAR) AS facts,
  to_json([json_object('system', 'pm', 'table', 'change_orders', 'id', n.change_order_id, 'number', n.number,
    'date', n.approved_date::VARCHAR, 'amount', n.cost_amount::VARCHAR, 'ref', n.source_ref)]) AS pm_docs
FROM not_taken n
JOIN ledger_jobs j USING (jk);
