-- invoice.missing: subcontractor invoices the PM side counts (approved, posted or paid) vs AP invoices the books
-- count (posted or paid): ledger_payables, paired by linked_id, else by unique number on the linked job and vendor (pay
-- applications 1, 2, 3 of different subcontractors share numbers on every job): ledger_invoice_pairs.
--   * A PM invoice whose ERP counterpart is absent, pending or void: the export failed or waits for the
--     accounting approver.
--   * A posted ERP invoice against a commitment both sides know, with no live PM invoice: billed around
--     Procore. ERP invoices for vendors outside Procore (materials, utilities) are normal and not reported.
-- Void invoices never count on either side. Invoices entered twice are invoice.duplicate, not missing.
WITH inv AS (
  SELECT p.*, jk.jk, norm_no(p.number) AS nn, coalesce(v.vendor_key, '') AS vk
  FROM ledger_payables() p JOIN ledger_job_key jk ON jk.side = p.side AND jk.job_id = p.job_id
  LEFT JOIN ledger_vendor_key v ON v.side = p.side AND v.vendor_id = p.vendor_id
),
-- Copies invoice.duplicate reports (one side, same job, number and vendor): neither they nor their
-- counterpart are "missing" as well.
duplicated AS (
  SELECT jk, nn, vk FROM inv WHERE status IS DISTINCT FROM 'void'
  GROUP BY side, jk, nn, vk HAVING count(*) > 1
),
pm_missing AS (
  SELECT a.*, o.status AS other_status, NULL AS commitment_number
  FROM inv a
  LEFT JOIN ledger_invoice_pairs pr ON pr.pm_id = a.invoice_id
  LEFT JOIN inv o ON o.side = 'erp' AND o.invoice_id = pr.erp_id
  WHERE a.side = 'pm' AND a.counted
    AND (o.invoice_id IS NULL OR NOT o.counted)
    AND NOT EXISTS (SELECT 1 FROM duplicated d WHERE d.jk = a.jk AND d.nn = a.nn AND (d.vk = a.vk OR d.vk = '' OR a.vk = ''))
),
erp_missing AS (
  SELECT a.*, o.status AS other_status, ec.number AS commitment_number
  FROM inv a
  JOIN commitments ec ON ec.side = 'erp' AND ec.commitment_id = a.commitment_id
  JOIN ledger_commitment_pairs cp ON cp.erp_id = a.commitment_id
  LEFT JOIN ledger_invoice_pairs pr ON pr.erp_id = a.invoice_id
  LEFT JOIN inv o ON o.side = 'pm' AND o.invoice_id = pr.pm_id
  WHERE a.side = 'erp' AND a.counted
    AND (o.invoice_id IS NULL OR o.status = 'void')
    AND NOT EXISTS (SELECT 1 FROM duplicated d WHERE d.jk = a.jk AND d.nn = a.nn AND (d.vk = a.vk OR d.vk = '' OR a.vk = ''))
),
one_side AS (SELECT * FROM pm_missing UNION ALL BY NAME SELECT * FROM erp_missing)
SELECT
  s.side || '|' || s.invoice_id AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  s.number AS document, v.name AS vendor,
  CASE WHEN s.side = 'pm' THEN s.gross_amount END AS pm_amount,
  CASE WHEN s.side = 'erp' THEN s.gross_amount END AS erp_amount,
  json_object('side', s.side, 'status', s.status, 'other_status', s.other_status,
    'commitment', 'commitment ' || s.commitment_number,
    'difference', (CASE WHEN s.side = 'pm' THEN s.gross_amount ELSE -s.gross_amount END)::VARCHAR) AS facts,
  to_json([json_object('system', s.side, 'table', 'payables', 'id', s.invoice_id, 'number', s.number,
    'date', s.invoice_date::VARCHAR, 'status', s.status, 'amount', s.gross_amount::VARCHAR,
    'vendor', v.name, 'ref', s.source_ref)]) AS docs,
  CASE WHEN s.side = 'pm' THEN docs END AS pm_docs,
  CASE WHEN s.side = 'erp' THEN docs END AS erp_docs
FROM one_side s
JOIN ledger_jobs j USING (jk)
LEFT JOIN vendors v ON v.side = s.side AND v.vendor_id = s.vendor_id;
