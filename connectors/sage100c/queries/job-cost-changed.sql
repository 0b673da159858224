-- Job cost changed since the last run: the rows inserted (insdte) or updated (upddte) at or after the
-- previous run's high-water mark, with exactly the columns of job-cost.sql. The connector merges them into
-- its local copy of the previous read (see incremental.ts).
SELECT j.recnum AS recnum, j.jobnum AS jobnum, j.phsnum AS phsnum, CAST(j.cstcde AS VARCHAR(40)) AS cstcde,
  j.csttyp AS csttyp, CAST(j.cstamt AS VARCHAR(40)) AS cstamt, j.trndte AS trndte, j.status AS status,
  j.srcnum AS srcnum, s.srcnme AS srcnme, j.vndnum AS vndnum, j.dscrpt AS dscrpt, j.lgrrec AS lgrrec,
  j.insdte AS insdte, j.upddte AS upddte
FROM dbo.jobcst j
LEFT JOIN dbo.source s ON s.recnum = j.srcnum
WHERE j.insdte >= @since OR j.upddte >= @since
