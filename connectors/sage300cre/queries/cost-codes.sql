-- Cost codes per job (and Extra, the sub job, which tieout rolls into its job).
SELECT c.Job AS job, c.Extra AS extra, c.Cost_Code AS cost_code, c.Description AS description
FROM JCM_MASTER__COST_CODE c
