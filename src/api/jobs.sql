-- The jobs of a snapshot as the books know them (the ERP job is the job of record for cost), with the linked
-- Procore project from the ledger, for the job list, the overview and a pm's choice of pages.
SELECT j.job_id, j.number, j.name, j.status, l.pm_job_id
FROM jobs j JOIN ledger_erp_jobs l ON l.erp_job_id = j.job_id
WHERE j.side = 'erp'
ORDER BY j.number;
