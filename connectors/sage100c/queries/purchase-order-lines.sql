-- Purchase order lines (table pcorln): extttl is the line total. Lines join their header by _idref → _idnum.
SELECT o.recnum AS header, l.linnum AS linnum, CAST(l.cstcde AS VARCHAR(40)) AS cstcde, l.csttyp AS csttyp,
  CAST(l.extttl AS VARCHAR(40)) AS extttl
FROM dbo.pcorln l
JOIN dbo.pchord o ON o._idnum = l._idref
ORDER BY o.recnum, l.linnum
