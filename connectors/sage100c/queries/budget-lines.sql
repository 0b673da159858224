-- Budgets (6-2 Budgets, table bdglin): one row per job × phase × cost code with one money column per cost
-- type — current (matbdg … usrcs9) and original (matorg … cs9org, what "set original budget" froze). The
-- connector unpivots them into one canonical line per cost type; approved changes = current − original.
SELECT b.recnum AS jobnum, b.phsnum AS phsnum, b.linnum AS linnum, CAST(b.cstcde AS VARCHAR(40)) AS cstcde,
  CAST(b.matbdg AS VARCHAR(40)) AS matbdg, CAST(b.labbdg AS VARCHAR(40)) AS labbdg,
  CAST(b.eqpbdg AS VARCHAR(40)) AS eqpbdg, CAST(b.subbdg AS VARCHAR(40)) AS subbdg,
  CAST(b.othbdg AS VARCHAR(40)) AS othbdg, CAST(b.usrcs6 AS VARCHAR(40)) AS usrcs6,
  CAST(b.usrcs7 AS VARCHAR(40)) AS usrcs7, CAST(b.usrcs8 AS VARCHAR(40)) AS usrcs8,
  CAST(b.usrcs9 AS VARCHAR(40)) AS usrcs9,
  CAST(b.matorg AS VARCHAR(40)) AS matorg, CAST(b.laborg AS VARCHAR(40)) AS laborg,
  CAST(b.eqporg AS VARCHAR(40)) AS eqporg, CAST(b.suborg AS VARCHAR(40)) AS suborg,
  CAST(b.othorg AS VARCHAR(40)) AS othorg, CAST(b.cs6org AS VARCHAR(40)) AS cs6org,
  CAST(b.cs7org AS VARCHAR(40)) AS cs7org, CAST(b.cs8org AS VARCHAR(40)) AS cs8org,
  CAST(b.cs9org AS VARCHAR(40)) AS cs9org
FROM dbo.bdglin b
ORDER BY b.recnum, b.phsnum, b.cstcde, b.linnum
