-- Owner billings (3-2 Receivable Invoices, table acrinv): contract invoices (invtyp 1 increases billed to
-- date), and memo invoices (invtyp 2: deposits, bad debt) only when they carry a negative retention — a
-- retention release some offices bill as a memo. Billed amount excludes sales tax: invttl − slstax; retain is
-- the retention held, negative when retention is billed back to the owner.
SELECT r.recnum AS recnum, r.invnum AS invnum, r.jobnum AS jobnum, r.invdte AS invdte, r.status AS status,
  r.invtyp AS invtyp, CAST(r.invttl AS VARCHAR(40)) AS invttl, CAST(r.slstax AS VARCHAR(40)) AS slstax,
  CAST(r.retain AS VARCHAR(40)) AS retain, r.usrdf1 AS usrdf1, r.usrdf2 AS usrdf2
FROM dbo.acrinv r
WHERE r.invtyp = 1 OR (r.invtyp = 2 AND r.retain < 0)
ORDER BY r.recnum
