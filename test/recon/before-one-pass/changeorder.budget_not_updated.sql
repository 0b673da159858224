-- changeorder.budget_not_updated: an approved change order that reached the ERP (approved there too) but
-- that the ERP budget did not take. Change orders flow Procore → ERP and must also update the ERP budget; a
-- budget locked after the original export keeps the change order and misses the budget change.
-- Per job × cost code (ledger keys), the budget changes the approved prime and budget change orders carry
-- (commitment change orders move commitments, not the budget) are compared with the approved changes the ERP
-- budget holds:
--   * the ERP's own change-order lines when the ERP has lines for the job (the books against themselves);
--   * else the PM's change-order lines, counting only change orders that reached the ERP (changeorder.missing
--     explains the others, changeorder.mismatch the ones whose amounts differ);
--   * else, when neither side has change-order lines (Procore prime change orders carry no cost), the PM
--     budget view's approved changes against the ERP budget's, one finding per line.
-- The shortfall is attributed to the latest change orders of its sign first — a locked budget misses the later
-- additions (or credits); part of a change order can be missed. Only jobs whose ERP budget carries approved
-- changes (or original and revised) are compared, so an ERP without them never yields a false finding.
-- Cost codes are named as the PM knows them where it knows them.
WITH pm_labels AS (
  SELECT key_code, min(cost_code) AS label FROM ledger_codes WHERE side = 'pm' AND cost_code IS NOT NULL
  GROUP BY key_code
),
co_lines AS (
  SELECT c.side, c.change_order_id, c.number, c.approved_date, c.cost_amount, c.source_ref, jk.jk, k.key_code,
    coalesce(any_value(pl.label), min(l.cost_code)) AS code_label, sum(l.amount) AS amount
  FROM change_orders c
  JOIN change_order_lines l ON l.side = c.side AND l.change_order_id = c.change_order_id
  JOIN ledger_job_key jk ON jk.side = c.side AND jk.job_id = c.job_id
  JOIN ledger_codes k ON k.side = l.side AND k.cost_code IS NOT DISTINCT FROM l.cost_code
    AND k.cost_type IS NOT DISTINCT FROM l.cost_type
  LEFT JOIN pm_labels pl ON pl.key_code = k.key_code
  WHERE c.status = 'approved' AND c.kind IN ('prime', 'budget')
  GROUP BY c.side, c.change_order_id, c.number, c.approved_date, c.cost_amount, c.source_ref, jk.jk, k.key_code
),
erp_lined_jobs AS (SELECT DISTINCT jk FROM co_lines WHERE side = 'erp'),
judged AS (
  SELECT l.*, po.pm_id,
    l.side = 'erp' OR EXISTS (
      SELECT 1 FROM ledger_co_pairs pr JOIN change_orders e ON e.side = 'erp' AND e.change_order_id = pr.erp_id
      WHERE pr.pm_id = l.change_order_id AND e.status = 'approved'
    ) AS reached,
    l.side = 'pm' AND EXISTS (
      SELECT 1 FROM ledger_co_pairs pr JOIN change_orders e ON e.side = 'erp' AND e.change_order_id = pr.erp_id
      JOIN change_orders p ON p.side = 'pm' AND p.change_order_id = pr.pm_id
      WHERE pr.pm_id = l.change_order_id AND e.status = 'approved' AND beyond(p.cost_amount, e.cost_amount, $abs, $rel)
    ) AS differs
  FROM co_lines l
  LEFT JOIN ledger_co_pair_of po ON po.side = l.side AND po.doc_id = l.change_order_id
  WHERE l.side = 'erp' OR l.jk NOT IN (SELECT jk FROM erp_lined_jobs)
),
budget_changes AS (
  SELECT b.side, jk.jk, k.key_code, min(b.cost_code) AS code_label,
    sum(coalesce(b.approved_changes, b.revised_budget - b.original_budget)) AS amount
  FROM budget_lines b
  JOIN ledger_job_key jk ON jk.side = b.side AND jk.job_id = b.job_id
  JOIN ledger_codes k ON k.side = b.side AND k.cost_code IS NOT DISTINCT FROM b.cost_code
    AND k.cost_type IS NOT DISTINCT FROM b.cost_type
  WHERE coalesce(b.approved_changes, b.revised_budget - b.original_budget) IS NOT NULL
  GROUP BY ALL
),
erp_changes AS (SELECT * FROM budget_changes WHERE side = 'erp'),
line_shortfall AS (
  SELECT p.jk, p.key_code,
    coalesce(sum(p.amount) FILTER (WHERE p.reached), 0) - coalesce(any_value(e.amount), 0) AS unexplained
  FROM judged p LEFT JOIN erp_changes e USING (jk, key_code)
  WHERE p.jk IN (SELECT jk FROM erp_changes)
  GROUP BY p.jk, p.key_code
  -- a line touched by a change order whose amounts differ is explained by changeorder.mismatch
  HAVING NOT bool_or(p.differs)
),
attributed AS (
  SELECT p.*, s.unexplained,
    sum(p.amount) OVER (PARTITION BY p.jk, p.key_code ORDER BY p.approved_date DESC NULLS LAST, p.number DESC
      ROWS UNBOUNDED PRECEDING) AS later_and_this
  FROM judged p JOIN line_shortfall s USING (jk, key_code)
  WHERE p.reached AND beyond(s.unexplained, 0, $abs, $rel) AND sign(p.amount) = sign(s.unexplained)
),
not_taken AS (
  SELECT jk, side, change_order_id, any_value(pm_id) AS pm_id,
    -- the number people know it by: the PM's when the change order is paired
    coalesce(any_value((SELECT c.number FROM change_orders c WHERE c.side = 'pm' AND c.change_order_id = pm_id)),
      any_value(number)) AS number,
    any_value(approved_date) AS approved_date, any_value(cost_amount) AS cost_amount,
    any_value(source_ref) AS source_ref,
    -- the part of this change order the shortfall still covers, the latest first
    sum(CASE WHEN abs(later_and_this) <= abs(unexplained) THEN amount
             ELSE amount - (later_and_this - unexplained) END) AS missed,
    list(code_label ORDER BY code_label) AS codes
  FROM attributed
  WHERE abs(later_and_this - amount) < abs(unexplained) - $abs
  GROUP BY jk, side, change_order_id
),
-- Neither side has change-order lines on the job: the PM budget view's approved changes against the ERP's.
unlined_lines AS (
  SELECT p.jk, p.key_code, p.code_label, p.amount AS pm_changes, coalesce(e.amount, 0) AS erp_changes
  FROM budget_changes p
  LEFT JOIN erp_changes e ON e.jk = p.jk AND e.key_code = p.key_code
  WHERE p.side = 'pm'
    AND p.jk IN (SELECT jk FROM erp_changes)
    AND p.jk NOT IN (SELECT jk FROM co_lines)
    AND p.jk IN (SELECT jk FROM ledger_co_pair_of po JOIN ledger_job_key k ON k.side = 'pm'
      JOIN change_orders c ON c.side = 'pm' AND c.change_order_id = po.doc_id AND c.job_id = k.job_id
      WHERE po.side = 'pm' AND c.status = 'approved' AND c.kind IN ('prime', 'budget'))
    AND beyond(p.amount, e.amount, $abs, $rel) AND p.amount > coalesce(e.amount, 0)
)
SELECT
  j.job_pair || '|' || coalesce(n.pm_id, 'erp:' || n.change_order_id) AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name, n.number AS document,
  NULL AS cost_code,
  coalesce(n.cost_amount, n.missed) AS pm_amount, coalesce(n.cost_amount, n.missed) - n.missed AS erp_amount,
  json_object('approved_date', n.approved_date::VARCHAR, 'cost_codes', array_to_string(n.codes, ', '),
    'missed', n.missed::VARCHAR, 'judged_by', CASE WHEN n.side = 'erp' THEN 'the ERP''s change-order lines'
      ELSE 'the PM''s change-order lines' END) AS facts,
  to_json([json_object('system', n.side, 'table', 'change_orders', 'id', n.change_order_id, 'number', n.number,
    'date', n.approved_date::VARCHAR, 'amount', n.cost_amount::VARCHAR, 'ref', n.source_ref)]) AS pm_docs
FROM not_taken n
JOIN ledger_jobs j USING (jk)
UNION ALL
SELECT
  j.job_pair || '|line:' || u.key_code,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name, NULL,
  u.code_label, u.pm_changes, u.erp_changes,
  json_object('cost_codes', u.code_label, 'missed', (u.pm_changes - u.erp_changes)::VARCHAR,
    'judged_by', 'the PM budget''s approved changes (no change-order lines on either side)'),
  NULL
FROM unlined_lines u
JOIN ledger_jobs j USING (jk);
