-- retainage.mismatch: retainage still held (held − released) per commitment — and per vendor for invoices
-- outside any commitment — over the invoices that count on each side (ledger_payables: PM approved/posted/paid,
-- ERP posted/paid; void never). Retainage flows Procore → ERP as retainage held in payables, so a different rate,
-- an invoice missing or entered twice all leave the commitment's retainage differing.
WITH counted AS (
  SELECT p.*, jk.jk FROM ledger_payables() p
  JOIN ledger_job_key jk ON jk.side = p.side AND jk.job_id = p.job_id
  WHERE p.counted
),
keyed AS (
  SELECT c.side, c.jk, c.invoice_id, c.number, c.invoice_date, c.status, c.retainage_held, c.retainage_released,
    c.source_ref, cp.pm_id AS pm_commitment_id, cp.erp_id AS erp_commitment_id,
    CASE WHEN c.side = 'pm' THEN vp.erp_vendor_id ELSE c.vendor_id END AS erp_vendor_id,
    CASE WHEN cp.pm_id IS NOT NULL THEN 'commitment:' || cp.pm_id || '|' || cp.erp_id
         WHEN c.commitment_id IS NULL AND (CASE WHEN c.side = 'pm' THEN vp.erp_vendor_id ELSE c.vendor_id END) IS NOT NULL
           THEN 'vendor:' || CASE WHEN c.side = 'pm' THEN vp.erp_vendor_id ELSE c.vendor_id END
    END AS holder
  FROM counted c
  LEFT JOIN ledger_commitment_pair_of cp ON cp.side = c.side AND cp.doc_id = c.commitment_id
  LEFT JOIN ledger_vendor_pairs vp ON vp.pm_vendor_id = CASE WHEN c.side = 'pm' THEN c.vendor_id END
),
held AS (
  SELECT side, jk, holder, any_value(pm_commitment_id) AS pm_commitment_id,
    any_value(erp_commitment_id) AS erp_commitment_id, any_value(erp_vendor_id) AS erp_vendor_id,
    sum(coalesce(retainage_held, 0) - coalesce(retainage_released, 0)) AS amount
  FROM keyed WHERE holder IS NOT NULL
  GROUP BY side, jk, holder
),
p AS (SELECT * FROM held WHERE side = 'pm'),
e AS (SELECT * FROM held WHERE side = 'erp'),
differences AS (
  SELECT coalesce(p.jk, e.jk) AS jk, coalesce(p.holder, e.holder) AS holder,
    coalesce(p.pm_commitment_id, e.pm_commitment_id) AS pm_commitment_id,
    coalesce(p.erp_commitment_id, e.erp_commitment_id) AS erp_commitment_id,
    coalesce(e.erp_vendor_id, p.erp_vendor_id) AS erp_vendor_id,
    coalesce(p.amount, 0) AS pm_amount, coalesce(e.amount, 0) AS erp_amount
  FROM p FULL JOIN e ON p.jk = e.jk AND p.holder = e.holder
  WHERE beyond(p.amount, e.amount, $abs, $rel)
),
docs AS (
  SELECT k.jk, k.holder,
    list(json_object('system', k.side, 'table', 'payables', 'id', k.invoice_id, 'number', k.number,
      'date', k.invoice_date::VARCHAR, 'status', k.status, 'retainage_held', k.retainage_held::VARCHAR,
      'retainage_released', k.retainage_released::VARCHAR, 'ref', k.source_ref) ORDER BY k.invoice_date, k.number)
      FILTER (WHERE k.side = 'pm') AS pm_docs,
    list(json_object('system', k.side, 'table', 'payables', 'id', k.invoice_id, 'number', k.number,
      'date', k.invoice_date::VARCHAR, 'status', k.status, 'retainage_held', k.retainage_held::VARCHAR,
      'retainage_released', k.retainage_released::VARCHAR, 'ref', k.source_ref) ORDER BY k.invoice_date, k.number)
      FILTER (WHERE k.side = 'erp') AS erp_docs
  FROM keyed k SEMI JOIN differences d ON d.jk = k.jk AND d.holder = k.holder
  GROUP BY k.jk, k.holder
)
SELECT
  j.job_pair || '|' || d.holder AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  coalesce(pc.number, ec.number) AS document, coalesce(v.name, pv.name) AS vendor,
  d.pm_amount, d.erp_amount, to_json(x.pm_docs) AS pm_docs, to_json(x.erp_docs) AS erp_docs
FROM differences d
JOIN ledger_jobs j ON j.jk = d.jk
LEFT JOIN docs x ON x.jk = d.jk AND x.holder = d.holder
LEFT JOIN commitments pc ON pc.side = 'pm' AND pc.commitment_id = d.pm_commitment_id
LEFT JOIN commitments ec ON ec.side = 'erp' AND ec.commitment_id = d.erp_commitment_id
LEFT JOIN vendors v ON v.side = 'erp' AND v.vendor_id = coalesce(ec.vendor_id, d.erp_vendor_id)
LEFT JOIN vendors pv ON pv.side = 'pm' AND pv.vendor_id = pc.vendor_id;
