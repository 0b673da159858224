-- The job a job cost report is for: the ERP job by number (exact, then normalised), with its linked PM job.
WITH job_link AS ({{job_link}})
SELECT j.job_id, j.number, j.name, j.status, l.pm_job_id
FROM jobs j LEFT JOIN job_link l ON l.erp_job_id = j.job_id
WHERE j.side = 'erp'
  AND (j.number = $number
    OR regexp_replace(upper(j.number), '[^A-Z0-9]', '', 'g') = regexp_replace(upper($number), '[^A-Z0-9]', '', 'g'))
ORDER BY j.number = $number DESC
