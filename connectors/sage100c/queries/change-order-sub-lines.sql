-- Budget and subcontract change details (table sbcgln): bdgprc is the budget change of the line; vndctc the
-- subcontract it changes (0 = a budget-only change); chgsts the line's own status, which can differ from
-- the header's (a sub's change approved before the owner signs, or the reverse); chgnum the sub change #.
SELECT h.recnum AS header, l.linnum AS linnum, CAST(l.cstcde AS VARCHAR(40)) AS cstcde, l.csttyp AS csttyp,
  CAST(l.bdgprc AS VARCHAR(40)) AS bdgprc, l.vndctc AS vndctc, l.chgsts AS chgsts, l.chgnum AS chgnum,
  l.chgdte AS chgdte
FROM dbo.sbcgln l
JOIN dbo.prmchg h ON h._idnum = l._idref
ORDER BY h.recnum, l.linnum
