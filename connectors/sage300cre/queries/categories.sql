-- Budget lines: estimates and commitments per job x extra x cost code x category. Money arrives as the
-- driver's double and is summed over extras in the connector as decimals, never in SQL.
SELECT c.Job AS job, c.Extra AS extra, c.Cost_Code AS cost_code, c.Category AS category,
  c.Original_Estimate AS original_estimate, c.Approved_Estimate_Changes AS approved_changes,
  c.Total_Estimate AS total_estimate, c.Pending_Estimate_Changes AS pending_changes,
  c.Revised_Commitment AS revised_commitment
FROM JCM_MASTER__CATEGORY c
