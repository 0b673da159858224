-- Cost codes: the job's phases (JC Job Phases).
SELECT p.Job AS job, p.Phase AS phase, p.Description AS description
FROM dbo.JCJP p
WHERE p.JCCo = @co
