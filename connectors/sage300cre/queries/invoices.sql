-- AP invoices (AP invoice master): status and dates; amounts come from the distributions, per job.
SELECT i.Vendor AS vendor, i.Invoice AS invoice, i.Status AS status, i.Invoice_Date AS invoice_date,
  i.Accounting_Date AS accounting_date
FROM APM_MASTER__INVOICE i
