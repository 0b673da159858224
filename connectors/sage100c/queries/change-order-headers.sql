-- Change orders (6-4-1 Change Orders, table prmchg): the header. appamt is the approved change to the prime
-- contract, reqamt the amount requested while pending, cstamt the cost (budget) change; status 1 Approved,
-- 2 Open, 3 Review, 4 Disputed, 5 Void, 6 Rejected; aprdte the approval date.
SELECT h.recnum AS recnum, h.chgnum AS chgnum, h.jobnum AS jobnum, h.phsnum AS phsnum, h.status AS status,
  h.aprdte AS aprdte, h.dscrpt AS dscrpt, CAST(h.appamt AS VARCHAR(40)) AS appamt,
  CAST(h.reqamt AS VARCHAR(40)) AS reqamt, CAST(h.cstamt AS VARCHAR(40)) AS cstamt,
  h.usrdf1 AS usrdf1, h.usrdf2 AS usrdf2
FROM dbo.prmchg h
ORDER BY h.recnum
