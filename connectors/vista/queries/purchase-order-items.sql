-- Purchase order items posted to job cost (PostToCo is the JC company).
SELECT i.PO AS po, i.POItem AS item, i.Job AS job, i.PhaseGroup AS phase_group, i.Phase AS phase,
  i.JCCType AS cost_type, CAST(i.OrigCost AS VARCHAR(40)) AS orig_cost, CAST(i.CurCost AS VARCHAR(40)) AS cur_cost
FROM dbo.POIT i
WHERE i.POCo = @co
ORDER BY i.PO, i.POItem
