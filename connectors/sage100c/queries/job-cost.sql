-- Job cost (6-3 Job Costs, table jobcst): every cost record, posted (status 1) and void (status 2) alike —
-- voids are kept on purpose so drift sees them instead of a posted-only filter hiding reversals. The AP
-- invoice behind a cost is the payable sharing its ledger transaction (lgrrec, resolved by the connector from
-- invoice-ledger.sql); the source name comes from the source table.
SELECT j.recnum AS recnum, j.jobnum AS jobnum, j.phsnum AS phsnum, CAST(j.cstcde AS VARCHAR(40)) AS cstcde,
  j.csttyp AS csttyp, CAST(j.cstamt AS VARCHAR(40)) AS cstamt, j.trndte AS trndte, j.status AS status,
  j.srcnum AS srcnum, s.srcnme AS srcnme, j.vndnum AS vndnum, j.dscrpt AS dscrpt, j.lgrrec AS lgrrec,
  j.insdte AS insdte, j.upddte AS upddte
FROM dbo.jobcst j
LEFT JOIN dbo.source s ON s.recnum = j.srcnum
