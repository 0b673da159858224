-- changeorder.mismatch: a change order approved on both sides whose cost (budget) change or, for prime change
-- orders, contract (revenue) change differs beyond tolerance — one finding per amount that differs. When both
-- sides carry lines, a cost difference is reported per cost code × cost type (lines summed within the grain,
-- so edits the ERP merged into one line are one comparison); otherwise per change order. When a job's
-- approved change orders of one kind total the same on both sides AND some of them are unpaired, the ERP merged
-- or split them differently: nothing is reported (as in changeorder.missing). When every one of them is paired,
-- equal totals prove nothing (CO-2 5,000/3,000 and CO-3 3,000/5,000 offset): each pair is compared.
CREATE OR REPLACE TEMP TABLE co_matched AS
WITH co AS (
  SELECT c.*, jk.jk FROM change_orders c
  JOIN ledger_job_key jk ON jk.side = c.side AND jk.job_id = c.job_id
  WHERE c.status = 'approved'
),
totals AS (
  SELECT jk, kind,
    sum(cost_amount) FILTER (WHERE side = 'pm') AS pm_cost, sum(cost_amount) FILTER (WHERE side = 'erp') AS erp_cost,
    sum(contract_amount) FILTER (WHERE side = 'pm') AS pm_contract,
    sum(contract_amount) FILTER (WHERE side = 'erp') AS erp_contract,
    count(*) FILTER (WHERE NOT EXISTS (
      SELECT 1 FROM ledger_co_pair_of po WHERE po.side = co.side AND po.doc_id = co.change_order_id)) AS unpaired
  FROM co GROUP BY ALL
),
pairs AS (
  SELECT pr.pm_id || '|' || pr.erp_id AS pair, pr.pm_id, pr.erp_id, p.jk, p.number AS document, p.kind,
    p.cost_amount AS pm_cost, e.cost_amount AS erp_cost, p.contract_amount AS pm_contract,
    e.contract_amount AS erp_contract,
    json_object('system', 'pm', 'table', 'change_orders', 'id', p.change_order_id, 'number', p.number,
      'date', p.approved_date::VARCHAR, 'status', p.status, 'cost_amount', p.cost_amount::VARCHAR,
      'contract_amount', p.contract_amount::VARCHAR, 'ref', p.source_ref) AS pm_doc,
    json_object('system', 'erp', 'table', 'change_orders', 'id', e.change_order_id, 'number', e.number,
      'date', e.approved_date::VARCHAR, 'status', e.status, 'cost_amount', e.cost_amount::VARCHAR,
      'contract_amount', e.contract_amount::VARCHAR, 'ref', e.source_ref) AS erp_doc
  FROM ledger_co_pairs pr
  JOIN co p ON p.side = 'pm' AND p.change_order_id = pr.pm_id
  JOIN co e ON e.side = 'erp' AND e.change_order_id = pr.erp_id
  LEFT JOIN totals t ON t.jk = p.jk AND t.kind IS NOT DISTINCT FROM p.kind
  WHERE t.pm_cost IS DISTINCT FROM t.erp_cost OR t.pm_contract IS DISTINCT FROM t.erp_contract OR t.unpaired = 0
)
SELECT pair, pm_id, erp_id, jk, document, kind, 'cost' AS measure, pm_cost AS pm_amount, erp_cost AS erp_amount,
  pm_doc, erp_doc
-- A side that does not carry the cost of a change order (Procore's prime change orders hold only the contract
-- amount) has nothing to compare: a blank is unknown, not zero.
FROM pairs WHERE pm_cost IS NOT NULL AND erp_cost IS NOT NULL AND beyond(pm_cost, erp_cost, $abs, $rel)
UNION ALL
SELECT pair, pm_id, erp_id, jk, document, kind, 'contract', pm_contract, erp_contract, pm_doc, erp_doc
FROM pairs WHERE kind = 'prime' AND beyond(pm_contract, erp_contract, $abs, $rel);

-- Lines of the pairs whose cost differs, only where both sides of the pair have lines.
CREATE OR REPLACE TEMP VIEW co_line_amounts AS
WITH cost_pairs AS (SELECT * FROM co_matched WHERE measure = 'cost'),
members AS (
  SELECT pair, 'pm' AS side, pm_id AS doc_id FROM cost_pairs
  UNION ALL SELECT pair, 'erp', erp_id FROM cost_pairs
),
with_lines AS (
  SELECT pair FROM members m
  JOIN change_order_lines l ON l.side = m.side AND l.change_order_id = m.doc_id
  GROUP BY pair HAVING count(DISTINCT m.side) = 2
)
SELECT l.side, m.pair AS jk, k.kc, k.kt, l.cost_code AS code_label, l.amount,
  json_object('system', l.side, 'table', 'change_order_lines', 'id', l.change_order_id, 'line', l.line_id,
    'cost_code', l.cost_code, 'cost_type', l.cost_type, 'amount', l.amount::VARCHAR, 'ref', l.source_ref) AS doc
FROM members m
JOIN with_lines USING (pair)
JOIN change_order_lines l ON l.side = m.side AND l.change_order_id = m.doc_id
JOIN change_orders c ON c.side = l.side AND c.change_order_id = l.change_order_id
JOIN ledger_codes k ON k.side = l.side AND k.cost_code = l.cost_code
  AND k.cost_type IS NOT DISTINCT FROM l.cost_type;

CREATE OR REPLACE TEMP TABLE co_line_differences AS SELECT * FROM compare_lines_before('co_line_amounts', $abs, $rel);

WITH by_line AS (
  SELECT b.*, d.pm_docs, d.erp_docs FROM co_line_differences b
  LEFT JOIN (
    SELECT jk, kc, coalesce(diff_type, '*') AS type_key,
      list(doc) FILTER (WHERE side = 'pm') AS pm_docs, list(doc) FILTER (WHERE side = 'erp') AS erp_docs
    FROM differing_lines('co_line_differences', 'co_line_amounts') GROUP BY ALL
  ) d ON d.jk = b.jk AND d.kc = b.kc AND d.type_key = coalesce(b.key_type, '*')
)
SELECT
  m.pair || '|' || b.key_code || '|' || coalesce(b.key_type, '*') AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name, m.document,
  b.code_label AS cost_code, b.key_type AS cost_type, b.pm_amount, b.erp_amount,
  json_object('measure', 'cost', 'kind', m.kind) AS facts,
  to_json(list_prepend(m.pm_doc, coalesce(b.pm_docs, []))) AS pm_docs,
  to_json(list_prepend(m.erp_doc, coalesce(b.erp_docs, []))) AS erp_docs
FROM by_line b JOIN co_matched m ON m.pair = b.jk AND m.measure = 'cost' JOIN ledger_jobs j ON j.jk = m.jk
UNION ALL
SELECT
  m.pair || '|' || m.measure AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name, m.document,
  NULL, NULL, m.pm_amount, m.erp_amount, json_object('measure', m.measure, 'kind', m.kind),
  to_json([m.pm_doc]), to_json([m.erp_doc])
FROM co_matched m JOIN ledger_jobs j ON j.jk = m.jk
WHERE m.measure = 'contract' OR m.pair NOT IN (SELECT jk FROM by_line);
