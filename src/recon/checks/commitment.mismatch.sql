-- commitment.mismatch: a subcontract or purchase order present on both sides (approved or complete in the PM
-- system, not void in the ERP) whose revised amount (original + approved changes) differs beyond tolerance.
-- When both sides carry schedule-of-values lines the difference is reported per cost code × cost type (lines
-- summed within the grain); otherwise per commitment.
CREATE OR REPLACE TEMP TABLE commitment_matched AS
WITH c AS (SELECT * FROM ledger_commitments())
SELECT pr.pm_id || '|' || pr.erp_id AS pair, pr.pm_id, pr.erp_id, jk.jk, p.number AS document, p.kind,
  coalesce(pv.name, ev.name) AS vendor, p.amount AS pm_amount, e.amount AS erp_amount,
  json_object('system', 'pm', 'table', 'commitments', 'id', p.commitment_id, 'number', p.number,
    'date', p.executed_date::VARCHAR, 'status', p.status, 'amount', p.amount::VARCHAR, 'ref', p.source_ref) AS pm_doc,
  json_object('system', 'erp', 'table', 'commitments', 'id', e.commitment_id, 'number', e.number,
    'date', e.executed_date::VARCHAR, 'status', e.status, 'amount', e.amount::VARCHAR, 'ref', e.source_ref) AS erp_doc
FROM ledger_commitment_pairs pr
JOIN c p ON p.side = 'pm' AND p.commitment_id = pr.pm_id
JOIN c e ON e.side = 'erp' AND e.commitment_id = pr.erp_id
JOIN ledger_job_key jk ON jk.side = 'pm' AND jk.job_id = p.job_id
LEFT JOIN vendors pv ON pv.side = 'pm' AND pv.vendor_id = p.vendor_id
LEFT JOIN vendors ev ON ev.side = 'erp' AND ev.vendor_id = e.vendor_id
WHERE p.committed AND e.status IS DISTINCT FROM 'void'
  AND beyond(p.amount, e.amount, $abs, $rel);

CREATE OR REPLACE TEMP VIEW commitment_line_amounts AS
WITH members AS (
  SELECT pair, 'pm' AS side, pm_id AS doc_id FROM commitment_matched
  UNION ALL SELECT pair, 'erp', erp_id FROM commitment_matched
),
with_lines AS (
  SELECT pair FROM members m
  JOIN commitment_lines l ON l.side = m.side AND l.commitment_id = m.doc_id
  GROUP BY pair HAVING count(DISTINCT m.side) = 2
)
SELECT l.side, m.pair AS jk, k.kc, k.kt, l.cost_code AS code_label, l.amount,
  json_object('system', l.side, 'table', 'commitment_lines', 'id', l.commitment_id, 'line', l.line_id,
    'cost_code', l.cost_code, 'cost_type', l.cost_type, 'amount', l.amount::VARCHAR, 'ref', l.source_ref) AS doc
FROM members m
JOIN with_lines USING (pair)
JOIN commitment_lines l ON l.side = m.side AND l.commitment_id = m.doc_id
JOIN commitments c ON c.side = l.side AND c.commitment_id = l.commitment_id
JOIN ledger_codes k ON k.side = l.side AND k.cost_code = l.cost_code
  AND k.cost_type IS NOT DISTINCT FROM l.cost_type;

CREATE OR REPLACE TEMP TABLE commitment_line_differences AS SELECT * FROM compare_lines('commitment_line_amounts', $abs, $rel);

WITH by_line AS (
  SELECT b.*, d.pm_docs, d.erp_docs FROM commitment_line_differences b
  LEFT JOIN (
    SELECT jk, kc, coalesce(diff_type, '*') AS type_key,
      list(doc) FILTER (WHERE side = 'pm') AS pm_docs, list(doc) FILTER (WHERE side = 'erp') AS erp_docs
    FROM differing_lines('commitment_line_differences', 'commitment_line_amounts') GROUP BY ALL
  ) d ON d.jk = b.jk AND d.kc = b.kc AND d.type_key = coalesce(b.key_type, '*')
)
SELECT
  m.pair || '|' || b.key_code || '|' || coalesce(b.key_type, '*') AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name, m.document, m.vendor,
  b.code_label AS cost_code, b.key_type AS cost_type, b.pm_amount, b.erp_amount,
  json_object('kind_label', CASE WHEN m.kind = 'purchase_order' THEN 'Purchase order' ELSE 'Subcontract' END) AS facts,
  to_json(list_prepend(m.pm_doc, coalesce(b.pm_docs, []))) AS pm_docs,
  to_json(list_prepend(m.erp_doc, coalesce(b.erp_docs, []))) AS erp_docs
FROM by_line b JOIN commitment_matched m ON m.pair = b.jk JOIN ledger_jobs j ON j.jk = m.jk
UNION ALL
SELECT
  m.pair, j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name, m.document, m.vendor,
  NULL, NULL, m.pm_amount, m.erp_amount,
  json_object('kind_label', CASE WHEN m.kind = 'purchase_order' THEN 'Purchase order' ELSE 'Subcontract' END),
  to_json([m.pm_doc]), to_json([m.erp_doc])
FROM commitment_matched m JOIN ledger_jobs j ON j.jk = m.jk
WHERE m.pair NOT IN (SELECT jk FROM by_line);
