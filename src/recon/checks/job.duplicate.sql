-- job.duplicate: a PM job and an ERP job with the same normalised number or name where at least one of them
-- is not linked — the job was created in both systems instead of being created once and linked. Closed jobs
-- on both sides are left out.
SELECT
  pm_job_id || '|' || erp_job_id AS natural_key,
  pm_number AS job_number, erp_number AS document, pm_job_id, erp_job_id, pm_name AS pm_job_name, erp_name AS erp_job_name,
  json_object('why', why, 'pm_number', pm_number, 'erp_number', erp_number, 'pm_name', pm_name,
    'erp_name', erp_name) AS facts,
  to_json([json_object('system', 'pm', 'table', 'jobs', 'id', pm_job_id, 'number', pm_number,
    'status', pm_status, 'ref', pm_ref)]) AS pm_docs,
  to_json([json_object('system', 'erp', 'table', 'jobs', 'id', erp_job_id, 'number', erp_number,
    'status', erp_status, 'ref', erp_ref)]) AS erp_docs
FROM ledger_job_lookalikes
WHERE NOT (pm_status = 'closed' AND erp_status = 'closed');
