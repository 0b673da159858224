-- Owner billings: AR transactions of type 'Invoice' (progress billings), summed per job and invoice in the
-- connector.
SELECT a.Job AS job, a.Invoice AS invoice, a.Accounting_Date AS accounting_date, a.Amount AS amount,
  a.Retainage AS retainage
FROM ART_CURRENT__TRANSACTION a
WHERE a.Transaction_Type = 'Invoice'
