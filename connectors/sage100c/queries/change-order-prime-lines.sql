-- Prime change details (table pmcgln): the revenue side of a change order by cost code × cost type;
-- aprprc approved, reqprc requested. Lines join their header by _idref → _idnum (never by change number).
SELECT h.recnum AS header, l.linnum AS linnum, CAST(l.cstcde AS VARCHAR(40)) AS cstcde, l.csttyp AS csttyp,
  CAST(l.aprprc AS VARCHAR(40)) AS aprprc, CAST(l.reqprc AS VARCHAR(40)) AS reqprc
FROM dbo.pmcgln l
JOIN dbo.prmchg h ON h._idnum = l._idref
ORDER BY h.recnum, l.linnum
