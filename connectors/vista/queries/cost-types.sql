-- Cost types per phase group (JC Cost Types): names for the company's own numbers beyond the usual five.
SELECT t.PhaseGroup AS phase_group, t.CostType AS cost_type, t.Description AS description,
  t.Abbreviation AS abbreviation
FROM dbo.JCCT t
