-- Every job-cost record number, to drop from the local copy the records deleted in Sage since the last run.
SELECT j.recnum AS recnum
FROM dbo.jobcst j
