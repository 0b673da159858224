-- Budget lines: one per job x phase x cost type (JC Cost Header), with the month rows of JC Cost by
-- Period summed to date. Original = the header's OrigCost; revised = current estimate to date; committed =
-- total committed cost; estimate at completion = projected cost, only where projections were run
-- (LastProjDate set), because Vista keeps ProjCost 0 on phases never projected.
SELECT h.Job AS job, h.PhaseGroup AS phase_group, h.Phase AS phase, h.CostType AS cost_type,
  CAST(h.OrigCost AS VARCHAR(40)) AS orig_cost, h.LastProjDate AS last_proj_date,
  CAST(SUM(p.CurrEstCost) AS VARCHAR(40)) AS curr_est_cost,
  CAST(SUM(p.TotalCmtdCost) AS VARCHAR(40)) AS total_cmtd_cost,
  CAST(SUM(p.ProjCost) AS VARCHAR(40)) AS proj_cost
FROM dbo.JCCH h
LEFT JOIN dbo.JCCP p ON p.JCCo = h.JCCo AND p.Job = h.Job AND p.PhaseGroup = h.PhaseGroup
  AND p.Phase = h.Phase AND p.CostType = h.CostType
WHERE h.JCCo = @co
GROUP BY h.Job, h.PhaseGroup, h.Phase, h.CostType, h.OrigCost, h.LastProjDate
