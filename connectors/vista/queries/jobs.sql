-- Jobs (JC Job Master): the job number is the key people write. JobStatus 0 pending, 1 open,
-- 2 soft-closed, 3 hard-closed.
SELECT j.Job AS job, j.Description AS description, j.JobStatus AS job_status,
  NULL AS linked_id -- linked: j
FROM dbo.JCJM j
WHERE j.JCCo = @co
