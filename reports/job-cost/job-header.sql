-- The job a job cost report is for: the ERP job by number (exact, else normalised as the ledger normalises
-- numbers), with its linked PM job and the link's ambiguity from the ledger (ledger_erp_jobs).
SELECT j.job_id, j.number, j.name, j.status, l.pm_job_id, l.link_candidates
FROM jobs j JOIN ledger_erp_jobs l ON l.erp_job_id = j.job_id
WHERE j.side = 'erp' AND (j.number = $number OR norm_no(j.number) = norm_no($number))
ORDER BY j.number = $number DESC, j.number
