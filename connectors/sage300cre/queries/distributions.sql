-- AP invoice distributions: job, cost code, category, commitment, amount and retainage withheld and paid.
SELECT d.Vendor AS vendor, d.Invoice AS invoice, d.Dist_Seq AS dist_seq, d.Job AS job, d.Cost_Code AS cost_code,
  d.Category AS category, d.Commitment AS commitment, d.Amount AS amount, d.Retainage AS retainage,
  d.Retainage_Paid AS retainage_paid
FROM APM_MASTER__DISTRIBUTION d
