-- Jobs (3-5 Jobs, table actrec): the job list and each job's prime contract. recnum is the Job#; cntrct the
-- original contract amount; retain the retention rate; status 1 Bid … 6 Closed; shtnme the short name (some
-- companies keep the job number people write there); usrdf1/usrdf2 user fields (some keep Procore ids there).
SELECT a.recnum AS recnum, a.jobnme AS jobnme, a.shtnme AS shtnme, a.usrdf1 AS usrdf1, a.usrdf2 AS usrdf2, a.status AS status, a.connum AS connum,
  CAST(a.cntrct AS VARCHAR(40)) AS cntrct, CAST(a.retain AS VARCHAR(40)) AS retain,
  a.sttdte AS sttdte, a.cmpdte AS cmpdte, a.ctcdte AS ctcdte
FROM dbo.actrec a
ORDER BY a.recnum
