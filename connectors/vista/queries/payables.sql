-- AP invoices (AP Transaction Header) with what their pay detail says: an invoice is paid when every
-- non-retainage pay sequence is paid (APTD Status 3 or 4); retainage is the sequences of the AP company's
-- retainage pay type (APCO.RetPayType), released once paid.
SELECT h.Mth AS mth, h.APTrans AS ap_trans, h.Vendor AS vendor, h.APRef AS ap_ref, h.InvDate AS inv_date,
  CAST(h.InvTotal AS VARCHAR(40)) AS inv_total,
  (SELECT COUNT(*) FROM dbo.APTD d JOIN dbo.APCO c ON c.APCo = d.APCo
    WHERE d.APCo = h.APCo AND d.Mth = h.Mth AND d.APTrans = h.APTrans
      AND (c.RetPayType IS NULL OR d.PayType <> c.RetPayType)) AS pay_seqs,
  (SELECT COUNT(*) FROM dbo.APTD d JOIN dbo.APCO c ON c.APCo = d.APCo
    WHERE d.APCo = h.APCo AND d.Mth = h.Mth AND d.APTrans = h.APTrans
      AND (c.RetPayType IS NULL OR d.PayType <> c.RetPayType) AND d.Status IN (3, 4)) AS paid_seqs,
  (SELECT CAST(SUM(d.Amount) AS VARCHAR(40)) FROM dbo.APTD d JOIN dbo.APCO c ON c.APCo = d.APCo
    WHERE d.APCo = h.APCo AND d.Mth = h.Mth AND d.APTrans = h.APTrans
      AND d.PayType = c.RetPayType AND d.Status IN (3, 4)) AS retainage_paid,
  NULL AS linked_id -- linked: h
FROM dbo.APTH h
WHERE h.APCo = @co
