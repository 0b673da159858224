-- Tables every snapshot holds beside the canonical tables (connectors/canonical/ddl.ts).
-- A snapshot is immutable once published; these describe what it holds and where each number came from.

-- Key/value facts about the snapshot: company_id, company_name, run_id, taken_at (UTC ISO), tieout_version,
-- timezone, fiscal_year_start_month, estimate_source.
CREATE TABLE snapshot_info (key VARCHAR PRIMARY KEY, value VARCHAR);

-- One row per side: which system, which connector version, where, when it was read, and its counters (API
-- calls…); how old its data is (data_as_of: a folder's newest file or its export's exported_at, an API's own
-- "as of", the last complete session of a polled system, else the start of a live read) and on what basis;
-- the expected tables it did not deliver (read as no records) and the tables the company says it does not
-- export. Snapshots written before these columns existed lack them: readers fall back to finished_at.
CREATE TABLE sources (
  side VARCHAR NOT NULL,
  system VARCHAR NOT NULL,
  connector_version VARCHAR NOT NULL,
  location VARCHAR,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  stats JSON,
  data_as_of TIMESTAMPTZ,
  data_as_of_basis VARCHAR,
  data_as_of_detail VARCHAR,
  tables_missing JSON,
  tables_not_exported JSON
);

-- One row per side × canonical table the connector delivered.
CREATE TABLE provenance (
  side VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  source_system VARCHAR NOT NULL,
  connector_version VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL
);

-- Records that failed canonical validation, with the reason (only when the company allows quarantine).
CREATE TABLE quarantine (
  side VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  source_ref VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  raw JSON
);

-- Raw source payloads (API JSON) for drill-down, when the connector keeps them.
CREATE TABLE raw_records (
  side VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  source_ref VARCHAR NOT NULL,
  payload JSON
);

-- The mappings in force when the snapshot was taken (from the company's settings).
CREATE TABLE map_jobs (pm_job_id VARCHAR NOT NULL, erp_job_id VARCHAR NOT NULL);
CREATE TABLE map_vendors (pm_vendor_id VARCHAR NOT NULL, erp_vendor_id VARCHAR NOT NULL);
CREATE TABLE map_cost_codes (
  pm_cost_code VARCHAR NOT NULL,
  pm_cost_type VARCHAR,          -- blank = any cost type
  erp_cost_code VARCHAR NOT NULL,
  erp_cost_type VARCHAR          -- blank = same cost type
);

-- Company settings in force (tolerances, estimate source, thresholds) as JSON, for reproducibility.
CREATE TABLE settings (key VARCHAR PRIMARY KEY, value JSON);
