-- The ledger transaction of each payable invoice (acpinv.lgrrec): job cost sharing it is that invoice's
-- Job Cost Distribution. Read apart from job cost so that a ledger reference two invoices share can never
-- duplicate a cost row; such a reference is attributed to no invoice.
SELECT a.recnum AS recnum, a.lgrrec AS lgrrec
FROM dbo.acpinv a
WHERE a.lgrrec > 0
