-- Jobs (3-5 Jobs, table actrec): the job list and each job's prime contract. recnum is the Job#; cntrct the
-- original contract amount; retain the retention rate; status 1 Bid … 6 Closed.
SELECT a.recnum AS recnum, a.jobnme AS jobnme, a.status AS status, a.connum AS connum,
  CAST(a.cntrct AS VARCHAR(40)) AS cntrct, CAST(a.retain AS VARCHAR(40)) AS retain,
  a.sttdte AS sttdte, a.cmpdte AS cmpdte, a.ctcdte AS ctcdte
FROM dbo.actrec a
ORDER BY a.recnum
