-- AP invoice lines (AP Transaction Lines): job, phase and cost type, the subcontract or PO paid, gross
-- amount and retainage withheld on the line.
SELECT l.Mth AS mth, l.APTrans AS ap_trans, l.APLine AS ap_line, l.Job AS job, l.PhaseGroup AS phase_group,
  l.Phase AS phase, l.JCCType AS cost_type, l.SL AS sl, l.PO AS po,
  CAST(l.GrossAmt AS VARCHAR(40)) AS gross_amt, CAST(l.Retainage AS VARCHAR(40)) AS retainage
FROM dbo.APTL l
WHERE l.APCo = @co
ORDER BY l.Mth, l.APTrans, l.APLine
