-- commitment.missing: an approved (or complete) subcontract or purchase order on one side with no live
-- counterpart on the other (by linked_id, else by unique number on the linked job). Commitments flow
-- Procore → ERP (Sage 100 Contractor 6-7-1 / 6-6-1). Draft and pending commitments are not yet exported and
-- do not count; a void counterpart is no counterpart.
WITH c AS (
  SELECT x.*, jk.jk
  FROM ledger_commitments() x JOIN ledger_job_key jk ON jk.side = x.side AND jk.job_id = x.job_id
),
one_side AS (
  SELECT a.*
  FROM c a
  LEFT JOIN ledger_commitment_pair_of pr ON pr.side = a.side AND pr.doc_id = a.commitment_id
  LEFT JOIN c o ON o.side <> a.side
    AND o.commitment_id = CASE WHEN a.side = 'pm' THEN pr.erp_id ELSE pr.pm_id END
  WHERE a.committed
    AND (o.commitment_id IS NULL OR o.status = 'void')
)
SELECT
  s.side || '|' || s.commitment_id AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  s.number AS document, v.name AS vendor,
  CASE WHEN s.side = 'pm' THEN s.amount END AS pm_amount,
  CASE WHEN s.side = 'erp' THEN s.amount END AS erp_amount,
  json_object('side', s.side, 'status', s.status,
    'kind_label', CASE WHEN s.kind = 'purchase_order' THEN 'Purchase order' ELSE 'Subcontract' END,
    'difference', (CASE WHEN s.side = 'pm' THEN s.amount ELSE -s.amount END)::VARCHAR) AS facts,
  to_json([json_object('system', s.side, 'table', 'commitments', 'id', s.commitment_id, 'number', s.number,
    'kind', s.kind, 'date', s.executed_date::VARCHAR, 'status', s.status, 'amount', s.amount::VARCHAR,
    'vendor', v.name, 'ref', s.source_ref)]) AS docs,
  CASE WHEN s.side = 'pm' THEN docs END AS pm_docs,
  CASE WHEN s.side = 'erp' THEN docs END AS erp_docs
FROM one_side s
JOIN ledger_jobs j USING (jk)
LEFT JOIN vendors v ON v.side = s.side AND v.vendor_id = s.vendor_id;
