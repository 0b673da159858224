-- invoice.duplicate: the same invoice number entered more than once on one side for the same job (and the
-- same vendor where known), none of the copies void. On the ERP side it is paid twice unless someone voids
-- the extra copy; on the PM side it will export twice.
WITH inv AS (
  SELECT p.*, jk.jk, norm_no(p.number) AS nn
  FROM payables p JOIN ledger_job_key jk ON jk.side = p.side AND jk.job_id = p.job_id
  WHERE p.status IS DISTINCT FROM 'void'
),
groups AS (
  SELECT side, jk, nn, coalesce(vendor_id, '') AS vendor_key, count(*) AS copies, sum(gross_amount) AS total,
    min(number) AS number, min(vendor_id) AS vendor_id
  FROM inv GROUP BY side, jk, nn, coalesce(vendor_id, '') HAVING count(*) > 1
),
docs AS (
  SELECT i.side, i.jk, i.nn, coalesce(i.vendor_id, '') AS vendor_key,
    list(json_object('system', i.side, 'table', 'payables', 'id', i.invoice_id, 'number', i.number,
      'date', i.invoice_date::VARCHAR, 'status', i.status, 'amount', i.gross_amount::VARCHAR, 'ref', i.source_ref)
      ORDER BY i.invoice_id) AS docs
  FROM inv i SEMI JOIN groups g ON g.side = i.side AND g.jk = i.jk AND g.nn = i.nn
    AND g.vendor_key = coalesce(i.vendor_id, '')
  GROUP BY ALL
)
SELECT
  g.side || '|' || j.job_pair || '|' || g.vendor_key || '|' || g.nn AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  g.number AS document, v.name AS vendor,
  CASE WHEN g.side = 'pm' THEN g.total END AS pm_amount,
  CASE WHEN g.side = 'erp' THEN g.total END AS erp_amount,
  json_object('side', g.side, 'copies', g.copies) AS facts,
  CASE WHEN g.side = 'pm' THEN to_json(d.docs) END AS pm_docs,
  CASE WHEN g.side = 'erp' THEN to_json(d.docs) END AS erp_docs
FROM groups g
JOIN docs d USING (side, jk, nn, vendor_key)
JOIN ledger_jobs j USING (jk)
LEFT JOIN vendors v ON v.side = g.side AND v.vendor_id = g.vendor_id;
