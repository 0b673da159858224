-- General-ledger balances (tables lgract, lgrbal) for the WIP tie-out: one row per account × fiscal year
-- (postyr) × period (actprd). The connector keeps only the accounts the company configured with a role.
SELECT g.recnum AS account, g.lngnme AS lngnme, b.postyr AS postyr, b.actprd AS actprd,
  CAST(b.balnce AS VARCHAR(40)) AS balnce
FROM dbo.lgrbal b
JOIN dbo.lgract g ON g.recnum = b.lgract
ORDER BY g.recnum, b.postyr, b.actprd
