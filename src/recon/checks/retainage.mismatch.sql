-- retainage.mismatch: retainage still held (held − released) per commitment — and per vendor for invoices
-- outside any commitment — over the invoices that count on each side (PM approved/posted/paid, ERP
-- posted/paid; void never). Retainage flows Procore → ERP as retainage held in payables, so a different rate,
-- an invoice missing or entered twice all leave the commitment's retainage differing.
WITH counted AS (
  SELECT p.*, jk.jk FROM payables p
  JOIN job_key jk ON jk.side = p.side AND jk.job_id = p.job_id
  WHERE (p.side = 'pm' AND p.status IN ('approved', 'posted', 'paid'))
     OR (p.side = 'erp' AND p.status IN ('posted', 'paid'))
),
held AS (
  SELECT c.side, c.jk,
    CASE WHEN cp.pm_id IS NOT NULL THEN 'commitment:' || cp.pm_id || '|' || cp.erp_id
         WHEN c.commitment_id IS NULL AND coalesce(vp.erp_vendor_id, c.vendor_id) IS NOT NULL
           THEN 'vendor:' || CASE WHEN c.side = 'pm' THEN vp.erp_vendor_id ELSE c.vendor_id END
    END AS holder,
    any_value(cp.pm_id) AS pm_commitment_id, any_value(cp.erp_id) AS erp_commitment_id,
    any_value(CASE WHEN c.side = 'pm' THEN vp.erp_vendor_id ELSE c.vendor_id END) AS erp_vendor_id,
    sum(coalesce(c.retainage_held, 0) - coalesce(c.retainage_released, 0)) AS amount,
    list(json_object('system', c.side, 'table', 'payables', 'id', c.invoice_id, 'number', c.number,
      'date', c.invoice_date::VARCHAR, 'status', c.status, 'retainage_held', c.retainage_held::VARCHAR,
      'retainage_released', c.retainage_released::VARCHAR, 'ref', c.source_ref) ORDER BY c.invoice_date, c.number) AS docs
  FROM counted c
  LEFT JOIN commitment_pair_of cp ON cp.side = c.side AND cp.doc_id = c.commitment_id
  LEFT JOIN vendor_pairs vp ON c.side = 'pm' AND vp.pm_vendor_id = c.vendor_id
  GROUP BY ALL
),
p AS (SELECT * FROM held WHERE side = 'pm' AND holder IS NOT NULL),
e AS (SELECT * FROM held WHERE side = 'erp' AND holder IS NOT NULL)
SELECT
  coalesce(p.jk, e.jk) || '|' || coalesce(p.holder, e.holder) AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  coalesce(pc.number, ec.number) AS document, coalesce(v.name, pv.name) AS vendor,
  coalesce(p.amount, 0) AS pm_amount, coalesce(e.amount, 0) AS erp_amount,
  to_json(p.docs) AS pm_docs, to_json(e.docs) AS erp_docs
FROM p FULL JOIN e ON p.jk = e.jk AND p.holder = e.holder
JOIN linked_jobs j ON j.jk = coalesce(p.jk, e.jk)
LEFT JOIN commitments pc ON pc.side = 'pm' AND pc.commitment_id = coalesce(p.pm_commitment_id, e.pm_commitment_id)
LEFT JOIN commitments ec ON ec.side = 'erp' AND ec.commitment_id = coalesce(p.erp_commitment_id, e.erp_commitment_id)
LEFT JOIN vendors v ON v.side = 'erp' AND v.vendor_id = coalesce(ec.vendor_id, e.erp_vendor_id, p.erp_vendor_id)
LEFT JOIN vendors pv ON pv.side = 'pm' AND pv.vendor_id = pc.vendor_id
WHERE beyond(p.amount, e.amount, $abs, $rel);
