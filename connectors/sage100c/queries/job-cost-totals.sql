-- Control totals of job cost, computed by the server: an incremental read is used only when the merged
-- local copy has exactly these totals; otherwise the connector reads the whole table again.
SELECT COUNT(*) AS row_count, CAST(SUM(j.cstamt) AS VARCHAR(40)) AS cost_total,
  CAST(SUM(j.cstcde) AS VARCHAR(40)) AS code_total, CAST(SUM(j.jobnum) AS VARCHAR(40)) AS job_total,
  CAST(SUM(j.csttyp) AS VARCHAR(40)) AS type_total, CAST(SUM(j.status) AS VARCHAR(40)) AS status_total,
  CAST(SUM(j.phsnum) AS VARCHAR(40)) AS phase_total
FROM dbo.jobcst j
