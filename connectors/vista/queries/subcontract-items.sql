-- Subcontract items: original and current cost per phase x cost type; retainage on work completed as a
-- fraction (bPct).
SELECT i.SL AS sl, i.SLItem AS item, i.Job AS job, i.PhaseGroup AS phase_group, i.Phase AS phase,
  i.JCCType AS cost_type, CAST(i.OrigCost AS VARCHAR(40)) AS orig_cost, CAST(i.CurCost AS VARCHAR(40)) AS cur_cost,
  CAST(i.WCRetPct AS VARCHAR(40)) AS wc_ret_pct
FROM dbo.SLIT i
WHERE i.SLCo = @co
ORDER BY i.SL, i.SLItem
