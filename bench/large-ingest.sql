-- The ingest phase of a snapshot: from the first table's start to the last table's finish over both sides
-- (the provenance rows the snapshot writer keeps), and the rows it loaded. Opening the file, the DDL,
-- writing facts and publishing are outside it; ingest_rows_per_s is rows over this span.
SELECT
  CAST(sum(rows_loaded) AS VARCHAR) AS rows_loaded,
  CAST(epoch_ms(max(finished_at)) - epoch_ms(min(started_at)) AS VARCHAR) AS ms
FROM provenance;
