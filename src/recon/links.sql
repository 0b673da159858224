-- Linking, built once per run as temp tables that every check reuses.
--
-- Records are matched across the two sides in a fixed order of trust:
--   1. the mappings in force when the snapshot was taken (map_jobs, map_vendors, map_cost_codes);
--   2. linked_id, the other side's id as the source system stored it (Procore origin_id, the ERP's Procore id);
--   3. the number, normalised (case, spaces, dashes, dots, leading zeros), and only when it is unique on both
--      sides. Anything that merely looks alike is reported (job.duplicate), never linked by guess.
-- Cost lines, cost-code keys and the line comparison live in lines.sql, which runs after this file.

-- Numbers people type differently: case, spaces, dashes, dots and zero padding do not matter.
-- "PCCO-014" = "pcco 14", "2024-017" = "2024017", "SC-003" = "SC3", "03-300" = "3300"; zeros inside a
-- number are kept ("2024-017" is not "2024-17").
CREATE OR REPLACE TEMP MACRO norm_no(s) AS
  regexp_replace(regexp_replace(lower(trim(s)), '[^a-z0-9]', '', 'g'), '(^|[a-z])0+([0-9])', '\1\2', 'g');

-- A difference beyond the tolerance: more than the absolute amount AND more than the relative share of the
-- larger side (relative 0 means any difference above the absolute amount).
CREATE OR REPLACE TEMP MACRO beyond(pm, erp, abs_tol, rel_tol) AS
  abs(coalesce(pm, 0) - coalesce(erp, 0)) > abs_tol
  AND abs(coalesce(pm, 0) - coalesce(erp, 0)) > rel_tol * greatest(abs(coalesce(pm, 0)), abs(coalesce(erp, 0)));

-- ---------------------------------------------------------------- jobs
CREATE OR REPLACE TEMP TABLE job_pairs (pm_job_id VARCHAR, erp_job_id VARCHAR, how VARCHAR);

INSERT INTO job_pairs
SELECT DISTINCT m.pm_job_id, m.erp_job_id, 'mapping'
FROM map_jobs m
JOIN jobs p ON p.side = 'pm' AND p.job_id = m.pm_job_id
JOIN jobs e ON e.side = 'erp' AND e.job_id = m.erp_job_id;

INSERT INTO job_pairs
SELECT DISTINCT pm_id, erp_id, 'linked_id' FROM (
  SELECT p.job_id AS pm_id, e.job_id AS erp_id FROM jobs p JOIN jobs e ON e.side = 'erp' AND p.linked_id = e.job_id
  WHERE p.side = 'pm'
  UNION ALL
  SELECT p.job_id, e.job_id FROM jobs p JOIN jobs e ON e.side = 'erp' AND e.linked_id = p.job_id
  WHERE p.side = 'pm'
)
WHERE pm_id NOT IN (SELECT pm_job_id FROM job_pairs) AND erp_id NOT IN (SELECT erp_job_id FROM job_pairs);

INSERT INTO job_pairs
WITH p AS (
  SELECT job_id, norm_no(number) AS nn FROM jobs
  WHERE side = 'pm' AND job_id NOT IN (SELECT pm_job_id FROM job_pairs)
), e AS (
  SELECT job_id, norm_no(number) AS nn FROM jobs
  WHERE side = 'erp' AND job_id NOT IN (SELECT erp_job_id FROM job_pairs)
)
SELECT p.job_id, e.job_id, 'number'
FROM p JOIN e USING (nn)
WHERE nn IN (SELECT nn FROM p GROUP BY nn HAVING count(*) = 1)
  AND nn IN (SELECT nn FROM e GROUP BY nn HAVING count(*) = 1);

-- One row per linked job. jk, the job key every check groups and joins by, is a plain integer (fast to hash);
-- job_pair ("pm id|erp id") is what stable finding keys use.
CREATE OR REPLACE TEMP TABLE linked_jobs AS
SELECT
  row_number() OVER (ORDER BY l.pm_job_id, l.erp_job_id) AS jk,
  l.pm_job_id || '|' || l.erp_job_id AS job_pair,
  l.pm_job_id, l.erp_job_id, l.how,
  coalesce(p.number, e.number) AS job_number,
  p.number AS pm_job_number, e.number AS erp_job_number,
  p.name AS pm_job_name, e.name AS erp_job_name
FROM job_pairs l
JOIN jobs p ON p.side = 'pm' AND p.job_id = l.pm_job_id
JOIN jobs e ON e.side = 'erp' AND e.job_id = l.erp_job_id
QUALIFY row_number() OVER (PARTITION BY l.pm_job_id ORDER BY l.how) = 1
    AND row_number() OVER (PARTITION BY l.erp_job_id ORDER BY l.how) = 1;

CREATE OR REPLACE TEMP TABLE job_key AS
SELECT 'pm' AS side, pm_job_id AS job_id, jk FROM linked_jobs
UNION ALL
SELECT 'erp', erp_job_id, jk FROM linked_jobs;

-- ---------------------------------------------------------------- vendors
CREATE OR REPLACE TEMP TABLE vendor_pairs (pm_vendor_id VARCHAR, erp_vendor_id VARCHAR, how VARCHAR);

INSERT INTO vendor_pairs
SELECT DISTINCT m.pm_vendor_id, m.erp_vendor_id, 'mapping'
FROM map_vendors m JOIN vendors e ON e.side = 'erp' AND e.vendor_id = m.erp_vendor_id;

INSERT INTO vendor_pairs
SELECT DISTINCT pm_id, erp_id, 'linked_id' FROM (
  SELECT p.vendor_id AS pm_id, e.vendor_id AS erp_id
  FROM vendors p JOIN vendors e ON e.side = 'erp' AND p.linked_id = e.vendor_id WHERE p.side = 'pm'
  UNION ALL
  SELECT p.vendor_id, e.vendor_id
  FROM vendors p JOIN vendors e ON e.side = 'erp' AND e.linked_id = p.vendor_id WHERE p.side = 'pm'
)
WHERE pm_id NOT IN (SELECT pm_vendor_id FROM vendor_pairs);

-- ---------------------------------------------------------------- jobs that look alike but are not linked
-- Same normalised number, same normalised name, or a similar name (Jaro-Winkler ≥ 0.9) with the same job
-- sequence number (the last digits), with at least one of the two jobs unlinked: the job was probably
-- created in both systems. Reported as job.duplicate, never linked by guess.
CREATE OR REPLACE TEMP TABLE job_lookalikes AS
WITH p AS (
  SELECT job_id, number, name, status, source_ref, norm_no(number) AS nn,
    regexp_replace(lower(name), '[^a-z0-9]', '', 'g') AS nname,
    TRY_CAST(regexp_extract(number, '([0-9]+)[^0-9]*$', 1) AS BIGINT) AS seq,
    job_id IN (SELECT pm_job_id FROM linked_jobs) AS linked
  FROM jobs WHERE side = 'pm'
), e AS (
  SELECT job_id, number, name, status, source_ref, norm_no(number) AS nn,
    regexp_replace(lower(name), '[^a-z0-9]', '', 'g') AS nname,
    TRY_CAST(regexp_extract(number, '([0-9]+)[^0-9]*$', 1) AS BIGINT) AS seq,
    job_id IN (SELECT erp_job_id FROM linked_jobs) AS linked
  FROM jobs WHERE side = 'erp'
),
-- "2026-057 Westfield Public Library Renovation" vs "26-057 Westfield Public Library Reno"
candidates AS (
  SELECT p.job_id AS pm_id, e.job_id AS erp_id FROM (SELECT * FROM p WHERE NOT linked) p JOIN e
    ON p.nn = e.nn OR (p.nname = e.nname AND p.nname <> '')
    OR (jaro_winkler_similarity(p.nname, e.nname) >= 0.9 AND p.seq IS NOT NULL AND p.seq = e.seq)
  UNION
  SELECT p.job_id, e.job_id FROM (SELECT * FROM p WHERE linked) p JOIN (SELECT * FROM e WHERE NOT linked) e
    ON p.nn = e.nn OR (p.nname = e.nname AND p.nname <> '')
    OR (jaro_winkler_similarity(p.nname, e.nname) >= 0.9 AND p.seq IS NOT NULL AND p.seq = e.seq)
)
SELECT p.job_id AS pm_job_id, e.job_id AS erp_job_id,
  p.number AS pm_number, e.number AS erp_number, p.name AS pm_name, e.name AS erp_name,
  p.status AS pm_status, e.status AS erp_status, p.source_ref AS pm_ref, e.source_ref AS erp_ref,
  CASE WHEN p.nn = e.nn AND p.nname = e.nname THEN 'same number and name'
       WHEN p.nn = e.nn THEN 'same number'
       WHEN p.nname = e.nname THEN 'same name'
       ELSE 'similar name, same job sequence number' END AS why
FROM candidates c JOIN p ON p.job_id = c.pm_id JOIN e ON e.job_id = c.erp_id;

-- ---------------------------------------------------------------- documents: change orders, commitments, invoices
-- Pairs by linked_id first, then by normalised number within the same linked job when the number is unique
-- among that job's live (not void) documents on both sides.
CREATE OR REPLACE TEMP MACRO pair_documents(docs) AS TABLE
WITH d AS (
  SELECT x.side, x.doc_id, x.linked_id, x.number, x.status, jk.jk, norm_no(x.number) AS nn
  FROM query_table(docs) x JOIN job_key jk ON jk.side = x.side AND jk.job_id = x.job_id
),
by_link AS (
  SELECT DISTINCT pm_id, erp_id, 'linked_id' AS how FROM (
    SELECT p.doc_id AS pm_id, e.doc_id AS erp_id FROM d p JOIN d e ON e.side = 'erp' AND p.linked_id = e.doc_id
    WHERE p.side = 'pm'
    UNION ALL
    SELECT p.doc_id, e.doc_id FROM d p JOIN d e ON e.side = 'erp' AND e.linked_id = p.doc_id WHERE p.side = 'pm'
  )
),
rest AS (
  SELECT * FROM d
  WHERE status IS DISTINCT FROM 'void'
    AND NOT (side = 'pm' AND doc_id IN (SELECT pm_id FROM by_link))
    AND NOT (side = 'erp' AND doc_id IN (SELECT erp_id FROM by_link))
),
unique_numbers AS (
  SELECT jk, nn FROM rest GROUP BY jk, nn
  HAVING count(*) FILTER (WHERE side = 'pm') = 1 AND count(*) FILTER (WHERE side = 'erp') = 1
)
SELECT * FROM by_link
UNION ALL
SELECT p.doc_id, e.doc_id, 'number'
FROM rest p JOIN rest e ON e.side = 'erp' AND e.jk = p.jk AND e.nn = p.nn
JOIN unique_numbers u ON u.jk = p.jk AND u.nn = p.nn
WHERE p.side = 'pm';

CREATE OR REPLACE TEMP VIEW co_docs AS
SELECT side, change_order_id AS doc_id, linked_id, number, status, job_id FROM change_orders;
CREATE OR REPLACE TEMP TABLE co_pairs AS SELECT * FROM pair_documents('co_docs');

CREATE OR REPLACE TEMP VIEW commitment_docs AS
SELECT side, commitment_id AS doc_id, linked_id, number, status, job_id FROM commitments;
CREATE OR REPLACE TEMP TABLE commitment_pairs AS SELECT * FROM pair_documents('commitment_docs');

CREATE OR REPLACE TEMP VIEW invoice_docs AS
SELECT side, invoice_id AS doc_id, linked_id, number, status, job_id FROM payables;
CREATE OR REPLACE TEMP TABLE invoice_pairs AS SELECT * FROM pair_documents('invoice_docs');

-- The same pairs seen from either side: (side, doc_id) → its pair, for plain equality joins.
CREATE OR REPLACE TEMP TABLE co_pair_of AS
SELECT 'pm' AS side, pm_id AS doc_id, pm_id, erp_id FROM co_pairs
UNION ALL SELECT 'erp', erp_id, pm_id, erp_id FROM co_pairs;
CREATE OR REPLACE TEMP TABLE commitment_pair_of AS
SELECT 'pm' AS side, pm_id AS doc_id, pm_id, erp_id FROM commitment_pairs
UNION ALL SELECT 'erp', erp_id, pm_id, erp_id FROM commitment_pairs;
CREATE OR REPLACE TEMP TABLE invoice_pair_of AS
SELECT 'pm' AS side, pm_id AS doc_id, pm_id, erp_id FROM invoice_pairs
UNION ALL SELECT 'erp', erp_id, pm_id, erp_id FROM invoice_pairs;
