-- job.unlinked: a job on one side with no linked job on the other (by mapping, linked_id or unique number).
-- Closed jobs are left out: an ERP keeps years of closed jobs that predate the PM system. Jobs that look like
-- a job on the other side are job.duplicate instead, so the same job is never reported twice.
SELECT
  j.side || '|' || j.job_id AS natural_key,
  j.number AS job_number, j.number AS document,
  CASE WHEN j.side = 'pm' THEN j.job_id END AS pm_job_id,
  CASE WHEN j.side = 'erp' THEN j.job_id END AS erp_job_id,
  CASE WHEN j.side = 'pm' THEN j.name END AS pm_job_name,
  CASE WHEN j.side = 'erp' THEN j.name END AS erp_job_name,
  json_object('side', j.side, 'status', j.status) AS facts,
  CASE WHEN j.side = 'pm' THEN to_json([json_object('system', 'pm', 'table', 'jobs', 'id', j.job_id,
    'number', j.number, 'status', j.status, 'ref', j.source_ref)]) END AS pm_docs,
  CASE WHEN j.side = 'erp' THEN to_json([json_object('system', 'erp', 'table', 'jobs', 'id', j.job_id,
    'number', j.number, 'status', j.status, 'ref', j.source_ref)]) END AS erp_docs
FROM jobs j
WHERE j.status IS DISTINCT FROM 'closed'
  AND NOT EXISTS (SELECT 1 FROM ledger_job_key k WHERE k.side = j.side AND k.job_id = j.job_id)
  AND NOT EXISTS (SELECT 1 FROM ledger_job_lookalikes l WHERE j.side = 'pm' AND l.pm_job_id = j.job_id)
  AND NOT EXISTS (SELECT 1 FROM ledger_job_lookalikes l WHERE j.side = 'erp' AND l.erp_job_id = j.job_id);
