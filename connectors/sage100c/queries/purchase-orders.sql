-- Purchase orders (6-6-1 Purchase Orders, table pchord): pchttl is the order total; status 1 Open
-- (approved), 2 Review, 3 Dispute, 4 Closed, 5 Void, 6 Master (a template, not a commitment).
SELECT o.recnum AS recnum, o.ordnum AS ordnum, o.jobnum AS jobnum, o.vndnum AS vndnum, o.status AS status,
  CAST(o.pchttl AS VARCHAR(40)) AS pchttl, o.orddte AS orddte, o.usrdf1 AS usrdf1,
  o.usrdf2 AS usrdf2
FROM dbo.pchord o
ORDER BY o.recnum
