-- Owner billings: AR invoices (ARTransType 'I') on the company's contracts, lines summed. Billed amount
-- excludes sales tax (ARTL.Amount less TaxAmount); retainage is what the lines withheld.
SELECT h.Mth AS mth, h.ARTrans AS ar_trans, h.Invoice AS invoice, h.Contract AS contract,
  CAST(SUM(l.Amount) - SUM(COALESCE(l.TaxAmount, 0)) AS VARCHAR(40)) AS billed,
  CAST(SUM(l.Retainage) AS VARCHAR(40)) AS retainage
FROM dbo.ARTH h
LEFT JOIN dbo.ARTL l ON l.ARCo = h.ARCo AND l.Mth = h.Mth AND l.ARTrans = h.ARTrans
WHERE h.JCCo = @co AND h.ARTransType = 'I'
GROUP BY h.Mth, h.ARTrans, h.Invoice, h.Contract
