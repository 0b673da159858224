-- Change order detail (PM change order lines): the estimate change per phase x cost type, and the
-- subcontract or purchase order a commitment change order changes.
SELECT l.Project AS project, l.PCO AS pco, l.ACO AS aco, l.PhaseGroup AS phase_group, l.Phase AS phase,
  l.CostType AS cost_type, CAST(l.EstCost AS VARCHAR(40)) AS est_cost, l.Subcontract AS subcontract, l.PO AS po
FROM dbo.PMOL l
WHERE l.PMCo = @co
ORDER BY l.KeyID
