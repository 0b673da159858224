-- invoice.duplicate: the same invoice number entered more than once on one side for the same job (and the
-- same vendor where known), none of the copies void. On the ERP side it is paid twice unless someone voids
-- the extra copy; on the PM side it will export twice.
WITH inv AS (
  SELECT p.*, jk.jk, norm_no(p.number) AS nn
  FROM payables p JOIN job_key jk ON jk.side = p.side AND jk.job_id = p.job_id
  WHERE p.status IS DISTINCT FROM 'void'
),
groups AS (
  SELECT side, jk, nn, coalesce(vendor_id, '') AS vendor_key, count(*) AS copies, sum(gross_amount) AS total,
    min(number) AS number, min(vendor_id) AS vendor_id,
    list(json_object('system', side, 'table', 'payables', 'id', invoice_id, 'number', number,
      'date', invoice_date::VARCHAR, 'status', status, 'amount', gross_amount::VARCHAR, 'ref', source_ref)
      ORDER BY invoice_id) AS docs
  FROM inv GROUP BY side, jk, nn, coalesce(vendor_id, '') HAVING count(*) > 1
)
SELECT
  g.side || '|' || g.jk || '|' || g.vendor_key || '|' || g.nn AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  g.number AS document, v.name AS vendor,
  CASE WHEN g.side = 'pm' THEN g.total END AS pm_amount,
  CASE WHEN g.side = 'erp' THEN g.total END AS erp_amount,
  json_object('side', g.side, 'copies', g.copies) AS facts,
  CASE WHEN g.side = 'pm' THEN to_json(g.docs) END AS pm_docs,
  CASE WHEN g.side = 'erp' THEN to_json(g.docs) END AS erp_docs
FROM groups g
JOIN linked_jobs j USING (jk)
LEFT JOIN vendors v ON v.side = g.side AND v.vendor_id = g.vendor_id;
