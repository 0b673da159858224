-- Job cost (JC Cost Detail): actual-cost transactions only. JCCD also holds estimate, projection and
-- commitment rows (OE, CO, PF, PE, RU; PO/SL/MO entry and change rows move commitment columns with
-- ActualCost 0), so rows are chosen by type and, for the commitment types, by the measure.
-- ReversalStatus is kept so a reversed entry shows as void.
SELECT d.KeyID AS key_id, d.Mth AS mth, d.CostTrans AS cost_trans, d.Job AS job, d.PhaseGroup AS phase_group,
  d.Phase AS phase, d.CostType AS cost_type, d.ActualDate AS actual_date, d.JCTransType AS trans_type,
  d.Description AS description, d.ReversalStatus AS reversal_status,
  CAST(d.ActualCost AS VARCHAR(40)) AS actual_cost, d.Vendor AS vendor, d.APTrans AS ap_trans
FROM dbo.JCCD d
WHERE d.JCCo = @co
  AND (d.JCTransType IN ('AP', 'PR', 'EM', 'JC', 'IN', 'MS', 'MI', 'CA', 'IC')
    OR (d.JCTransType IN ('PO', 'SL', 'MO') AND d.ActualCost <> 0))
