-- The Procore projects of a company's jobs in one snapshot: each ERP job (the job of record) with the Procore
-- project the ledger links it to. A proposal's project must be one of these, and for a pm one of their jobs.
SELECT l.pm_job_id AS project_id, j.number AS job_number
FROM jobs j JOIN ledger_erp_jobs l ON l.erp_job_id = j.job_id
WHERE j.side = 'erp' AND l.pm_job_id IS NOT NULL
ORDER BY j.number;
