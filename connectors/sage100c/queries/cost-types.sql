-- Cost types (table csttyp): 1–5 standard, 6–9 user-defined with the company's own names (typnme), read
-- when user-defined types are reported by name.
SELECT t.recnum AS recnum, t.typnme AS typnme
FROM dbo.csttyp t
ORDER BY t.recnum
