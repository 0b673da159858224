-- Payable invoice lines by cost code × cost type: Sage keeps an invoice's job-cost split in the Job Cost
-- Distribution, i.e. the job cost records sharing the invoice's ledger transaction (lgrrec). Void records
-- (status 2) belong to a live invoice's history, not its lines; a voided invoice (status 5) keeps its voided
-- distribution as its lines, so its lines still say what it was. A ledger reference two invoices share is
-- attributed to neither (the connector drops those lines and says so).
SELECT a.recnum AS invoice, j.lgrrec AS lgrrec, j.recnum AS recnum, j.phsnum AS phsnum, CAST(j.cstcde AS VARCHAR(40)) AS cstcde,
  j.csttyp AS csttyp, CAST(j.cstamt AS VARCHAR(40)) AS cstamt
FROM dbo.jobcst j
JOIN dbo.acpinv a ON a.lgrrec = j.lgrrec AND a.lgrrec > 0
WHERE (j.status = 1 OR a.status = 5) AND a.jobnum IS NOT NULL AND a.jobnum <> 0
ORDER BY a.recnum, j.recnum
