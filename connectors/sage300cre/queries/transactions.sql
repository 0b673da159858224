-- Job cost transactions of the current (open) periods: actual cost only ('AP cost', 'PR cost', 'EQ cost',
-- 'JC cost'); estimate, commitment and billing transaction types are left out.
SELECT t.Row_ID AS row_id, t.Job AS job, t.Cost_Code AS cost_code, t.Category AS category,
  t.Transaction_Type AS transaction_type, t.Transaction_Date AS transaction_date, t.Amount AS amount,
  t.Vendor AS vendor, t.Invoice AS invoice, t.Description AS description
FROM JCT_CURRENT__TRANSACTION t
WHERE t.Transaction_Type IN ('AP cost', 'PR cost', 'EQ cost', 'JC cost')
