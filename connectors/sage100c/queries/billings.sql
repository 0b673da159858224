-- Owner billings (3-2 Receivable Invoices, table acrinv): contract invoices only (invtyp 1 increases billed
-- to date; 2 Memo is deposits and bad debt). Billed amount excludes sales tax: invttl − slstax.
SELECT r.recnum AS recnum, r.invnum AS invnum, r.jobnum AS jobnum, r.invdte AS invdte, r.status AS status,
  CAST(r.invttl AS VARCHAR(40)) AS invttl, CAST(r.slstax AS VARCHAR(40)) AS slstax,
  CAST(r.retain AS VARCHAR(40)) AS retain, r.usrdf1 AS usrdf1, r.usrdf2 AS usrdf2
FROM dbo.acrinv r
WHERE r.invtyp = 1
ORDER BY r.recnum
