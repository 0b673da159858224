-- vendor.unlinked: a PM vendor on a live commitment or invoice of a linked job that has no ERP vendor id
-- (no vendor mapping, no linked_id either way). Vendors flow both ways and the bookkeeper assigns the ERP
-- vendor id on export; until then nothing of that vendor can export. A same-name ERP vendor is named as a hint.
WITH used AS (
  SELECT vendor_id, job_id, 'commitment ' || number AS doc FROM commitments
  WHERE side = 'pm' AND vendor_id IS NOT NULL AND status IS DISTINCT FROM 'void'
  UNION ALL
  SELECT vendor_id, job_id, 'invoice ' || number FROM payables
  WHERE side = 'pm' AND vendor_id IS NOT NULL AND status IS DISTINCT FROM 'void'
),
per_vendor AS (
  SELECT u.vendor_id, list(DISTINCT u.doc ORDER BY u.doc) AS docs, min(j.job_number) AS job_number,
    any_value(j.jk) AS jk,
    count(DISTINCT jk.jk) AS jobs
  FROM used u
  JOIN ledger_job_key jk ON jk.side = 'pm' AND jk.job_id = u.job_id
  JOIN ledger_jobs j ON j.jk = jk.jk
  GROUP BY ALL
)
SELECT
  v.vendor_id AS natural_key,
  CASE WHEN pv.jobs = 1 THEN pv.job_number END AS job_number,
  CASE WHEN pv.jobs = 1 THEN lj.pm_job_id END AS pm_job_id, CASE WHEN pv.jobs = 1 THEN lj.erp_job_id END AS erp_job_id,
  CASE WHEN pv.jobs = 1 THEN lj.pm_job_name END AS pm_job_name,
  v.name AS vendor, v.name AS document,
  json_object('used_on', array_to_string(pv.docs[1:3], ', ') || CASE WHEN len(pv.docs) > 3
      THEN ' and ' || (len(pv.docs) - 3) || ' more' ELSE '' END,
    'erp_same_name', (SELECT min(e.vendor_id) FROM vendors e WHERE e.side = 'erp'
      AND regexp_replace(lower(e.name), '[^a-z0-9]', '', 'g') = regexp_replace(lower(v.name), '[^a-z0-9]', '', 'g'))
  ) AS facts,
  to_json([json_object('system', 'pm', 'table', 'vendors', 'id', v.vendor_id, 'number', v.name,
    'ref', v.source_ref)]) AS pm_docs
FROM per_vendor pv
JOIN ledger_jobs lj ON lj.jk = pv.jk
JOIN vendors v ON v.side = 'pm' AND v.vendor_id = pv.vendor_id
WHERE v.vendor_id NOT IN (SELECT pm_vendor_id FROM ledger_vendor_pairs);
