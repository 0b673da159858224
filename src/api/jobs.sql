-- The jobs of a snapshot as the books know them (the ERP job is the job of record for cost), with the linked
-- Procore project, for the job list, the overview and a pm's choice of pages.
WITH job_link AS ({{job_link}})
SELECT j.job_id, j.number, j.name, j.status, l.pm_job_id
FROM jobs j LEFT JOIN job_link l ON l.erp_job_id = j.job_id
WHERE j.side = 'erp'
ORDER BY j.number;
