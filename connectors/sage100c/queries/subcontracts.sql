-- Subcontracts (6-7-1 Subcontracts, table subcon): original (cntttl), approved changes (chgttl), new total
-- (ctcttl), retention rate (rtnrte), status 1 Bid … 6 Closed.
SELECT s.recnum AS recnum, s.ctcnum AS ctcnum, s.jobnum AS jobnum, s.vndnum AS vndnum, s.status AS status,
  CAST(s.cntttl AS VARCHAR(40)) AS cntttl, CAST(s.chgttl AS VARCHAR(40)) AS chgttl,
  CAST(s.ctcttl AS VARCHAR(40)) AS ctcttl, CAST(s.rtnrte AS VARCHAR(40)) AS rtnrte, s.condte AS condte,
  s.usrdf1 AS usrdf1, s.usrdf2 AS usrdf2
FROM dbo.subcon s
ORDER BY s.recnum
