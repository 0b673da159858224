-- Payable invoices (4-2 Payable Invoices, table acpinv) on jobs: invttl is the invoice total (invamt is not
-- it), retain the retention held, invnet the net; status 1 Open (posted) … 5 Void; invtyp 1 Contract
-- (bills a subcontract, named by ctcnum within the job) or 2 Memo (does not affect subcontract billing).
-- A memo invoice naming a purchase order (pchord) is billed against that order. The connector resolves
-- ctcnum and pchord to the commitment within the job (never by a join that could duplicate an invoice).
-- Invoices without a job are overhead and stay out.
SELECT a.recnum AS recnum, a.invnum AS invnum, a.jobnum AS jobnum, a.vndnum AS vndnum, a.invdte AS invdte,
  a.status AS status, a.invtyp AS invtyp, a.ctcnum AS ctcnum, a.pchord AS pchord,
  CAST(a.invttl AS VARCHAR(40)) AS invttl, CAST(a.retain AS VARCHAR(40)) AS retain,
  CAST(a.invnet AS VARCHAR(40)) AS invnet, a.usrdf1 AS usrdf1, a.usrdf2 AS usrdf2
FROM dbo.acpinv a
WHERE a.jobnum IS NOT NULL AND a.jobnum <> 0
ORDER BY a.recnum
