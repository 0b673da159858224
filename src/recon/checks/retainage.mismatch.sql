-- retainage.mismatch: retainage still held (held − released) per commitment, and per vendor for invoices
-- outside any commitment, over the invoices present on both sides (PM approved/posted/paid, ERP
-- posted/paid). Retainage flows Procore → ERP as retainage held in payables. Only paired invoices count, so an
-- invoice missing on one side is reported once, as invoice.missing, not again here.
WITH pairs AS (
  SELECT p.job_id AS pm_job_id, e.commitment_id AS erp_commitment_id, e.vendor_id AS erp_vendor_id,
    coalesce(p.retainage_held, 0) - coalesce(p.retainage_released, 0) AS pm_held,
    coalesce(e.retainage_held, 0) - coalesce(e.retainage_released, 0) AS erp_held,
    json_object('system', 'pm', 'table', 'payables', 'id', p.invoice_id, 'number', p.number,
      'date', p.invoice_date::VARCHAR, 'retainage_held', p.retainage_held::VARCHAR,
      'retainage_released', p.retainage_released::VARCHAR, 'ref', p.source_ref) AS pm_doc,
    json_object('system', 'erp', 'table', 'payables', 'id', e.invoice_id, 'number', e.number,
      'date', e.invoice_date::VARCHAR, 'retainage_held', e.retainage_held::VARCHAR,
      'retainage_released', e.retainage_released::VARCHAR, 'ref', e.source_ref) AS erp_doc
  FROM invoice_pairs pr
  JOIN payables p ON p.side = 'pm' AND p.invoice_id = pr.pm_id
  JOIN payables e ON e.side = 'erp' AND e.invoice_id = pr.erp_id
  WHERE p.status IN ('approved', 'posted', 'paid') AND e.status IN ('posted', 'paid')
),
grouped AS (
  SELECT jk.jk,
    CASE WHEN erp_commitment_id IS NOT NULL THEN 'commitment:' || erp_commitment_id
         ELSE 'vendor:' || coalesce(erp_vendor_id, '') END AS holder,
    any_value(erp_commitment_id) AS erp_commitment_id, any_value(erp_vendor_id) AS erp_vendor_id,
    sum(pm_held) AS pm_amount, sum(erp_held) AS erp_amount,
    list(pm_doc) AS pm_docs, list(erp_doc) AS erp_docs
  FROM pairs JOIN job_key jk ON jk.side = 'pm' AND jk.job_id = pairs.pm_job_id
  GROUP BY ALL
)
SELECT
  g.jk || '|' || g.holder AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  c.number AS document, v.name AS vendor, g.pm_amount, g.erp_amount,
  to_json(g.pm_docs) AS pm_docs, to_json(g.erp_docs) AS erp_docs
FROM grouped g
JOIN linked_jobs j USING (jk)
LEFT JOIN commitments c ON c.side = 'erp' AND c.commitment_id = g.erp_commitment_id
LEFT JOIN vendors v ON v.side = 'erp' AND v.vendor_id = coalesce(c.vendor_id, g.erp_vendor_id)
WHERE beyond(g.pm_amount, g.erp_amount, $abs, $rel);
