-- Subcontract lines (table sbcnln): cntrct is the line's new contract (original amount plus changes).
-- Lines join their header by _idref → _idnum.
SELECT s.recnum AS header, l.linnum AS linnum, CAST(l.cstcde AS VARCHAR(40)) AS cstcde, l.csttyp AS csttyp,
  CAST(l.cntrct AS VARCHAR(40)) AS cntrct
FROM dbo.sbcnln l
JOIN dbo.subcon s ON s._idnum = l._idref
ORDER BY s.recnum, l.linnum
