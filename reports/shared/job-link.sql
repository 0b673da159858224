-- Job link: which PM job is the same job as each ERP job.
-- The WIP and the job cost report start from the books (ERP jobs) and pull the estimate, budget and PM
-- figures from the linked PM job. The order of trust is the one tieout uses everywhere (src/recon keeps the
-- same rules): a mapping the company configured, then linked_id (either side may store the other's id), then
-- the job number normalised (case, spaces and punctuation ignored). When one rank finds more than one PM job
-- the link is ambiguous and left blank: the report says so instead of guessing.
WITH erp_jobs AS (
  SELECT job_id, linked_id, regexp_replace(upper(number), '[^A-Z0-9]', '', 'g') AS norm
  FROM jobs WHERE side = 'erp'
),
pm_jobs AS (
  SELECT job_id, linked_id, regexp_replace(upper(number), '[^A-Z0-9]', '', 'g') AS norm
  FROM jobs WHERE side = 'pm'
),
candidates AS (
  SELECT m.erp_job_id, m.pm_job_id, 1 AS link_rank, 'mapping' AS link_kind FROM map_jobs m
  UNION ALL
  SELECT e.job_id, p.job_id, 2, 'linked_id' FROM erp_jobs e JOIN pm_jobs p ON p.linked_id = e.job_id
  UNION ALL
  SELECT e.job_id, p.job_id, 2, 'linked_id' FROM erp_jobs e JOIN pm_jobs p ON e.linked_id = p.job_id
  UNION ALL
  SELECT e.job_id, p.job_id, 3, 'number'
  FROM erp_jobs e JOIN pm_jobs p ON p.norm = e.norm AND p.norm <> ''
),
best AS (
  SELECT erp_job_id, min(link_rank) AS link_rank FROM candidates GROUP BY erp_job_id
)
SELECT
  c.erp_job_id,
  CASE WHEN count(DISTINCT c.pm_job_id) = 1 THEN min(c.pm_job_id) END AS pm_job_id,
  min(c.link_kind) AS link_kind,
  count(DISTINCT c.pm_job_id) AS candidates
FROM candidates c JOIN best b ON b.erp_job_id = c.erp_job_id AND b.link_rank = c.link_rank
GROUP BY c.erp_job_id
