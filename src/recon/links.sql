-- Linking, built once per run as temp tables that every check reuses.
--
-- Records are matched across the two sides in a fixed order of trust:
--   1. the mappings in force when the snapshot was taken (map_jobs, map_vendors, map_cost_codes);
--   2. linked_id, the other side's id as the source system stored it (Procore origin_id, the ERP's Procore id);
--   3. the number, normalised (case, spaces, dashes, dots, leading zeros), and only when it is unique on both
--      sides. Anything that merely looks alike is reported (job.duplicate), never linked by guess.
-- Heavy tables are aggregated by their raw keys first and mapped afterwards, so the 10M-row cost table is
-- scanned once.

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

-- ---------------------------------------------------------------- cost codes
-- Job cost as each side counts it, aggregated by raw job × cost code × cost type. Approved and posted rows
-- count (a blank status counts: the system has no statuses); pending and void rows do not.
-- A void row and the reversal that cancels it: some systems keep the original 'posted' and post a reversal
-- (the pair nets to zero), others mark the original 'void' and still deliver the reversal. Either way the pair
-- must count as nothing, so a counted row that exactly offsets a void row (same line and invoice, opposite
-- amount, paired one to one) is taken out with it.
CREATE OR REPLACE TEMP TABLE cost_groups AS
SELECT side, job_id, cost_code, cost_type, sum(amount) AS amount, count(*) AS rows
FROM cost_transactions
WHERE status IS DISTINCT FROM 'void' AND status IS DISTINCT FROM 'pending'
GROUP BY ALL;

-- Void rows are few; their reversals are looked for only on the lines that have one.
CREATE OR REPLACE TEMP TABLE cost_voids AS
SELECT side, job_id, cost_code, cost_type, transaction_id, amount, coalesce(invoice_id, '') AS invoice_key
FROM cost_transactions WHERE status = 'void';

CREATE OR REPLACE TEMP TABLE cost_offsets AS
WITH candidates AS (
  SELECT r.side, r.job_id, r.cost_code, r.cost_type, r.transaction_id, r.amount, coalesce(r.invoice_id, '') AS invoice_key
  FROM cost_transactions r
  SEMI JOIN cost_voids v ON v.side = r.side AND v.job_id = r.job_id AND v.cost_code = r.cost_code
    AND v.cost_type = r.cost_type AND v.amount = -r.amount
  WHERE r.status IS DISTINCT FROM 'void' AND r.status IS DISTINCT FROM 'pending'
),
numbered_voids AS (
  SELECT *, row_number() OVER (PARTITION BY side, job_id, cost_code, cost_type, amount, invoice_key
    ORDER BY transaction_id) AS n
  FROM cost_voids
),
numbered_candidates AS (
  SELECT *, row_number() OVER (PARTITION BY side, job_id, cost_code, cost_type, amount, invoice_key
    ORDER BY transaction_id) AS n
  FROM candidates
)
SELECT c.side, c.job_id, c.cost_code, c.cost_type, sum(c.amount) AS amount, count(*) AS rows
FROM numbered_voids v
JOIN numbered_candidates c ON c.side = v.side AND c.job_id = v.job_id AND c.cost_code = v.cost_code
  AND c.cost_type = v.cost_type AND c.amount = -v.amount AND c.invoice_key = v.invoice_key AND c.n = v.n
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE cost_tx AS
SELECT g.side, g.job_id, g.cost_code, g.cost_type, g.amount - coalesce(o.amount, 0) AS amount,
  g.rows - coalesce(o.rows, 0) AS rows
FROM cost_groups g
LEFT JOIN cost_offsets o ON o.side = g.side AND o.job_id = g.job_id AND o.cost_code = g.cost_code
  AND o.cost_type = g.cost_type
WHERE g.rows > 0 OR o.rows IS NOT NULL;

-- Every (side, cost code, cost type) in use, from every table that carries one. Cost codes are mapped
-- company-wide (the company cost-code map is), so this stays small however many jobs there are.
CREATE OR REPLACE TEMP TABLE codes_used AS
SELECT DISTINCT side, cost_code, cost_type FROM (
  SELECT side, cost_code, cost_type FROM budget_lines
  UNION ALL SELECT side, cost_code, cost_type FROM cost_tx
  UNION ALL SELECT side, cost_code, cost_type FROM change_order_lines
  UNION ALL SELECT side, cost_code, cost_type FROM commitment_lines
  UNION ALL SELECT side, cost_code, cost_type FROM payable_lines
) WHERE cost_code IS NOT NULL;

-- The ERP code and type a code stands for. PM codes go through the company's cost-code map first (an entry
-- for the exact cost type beats one for any type), then the cost code's linked_id, then stand for themselves.
-- key_code is the normalised ERP code both sides are compared by.
CREATE OR REPLACE TEMP TABLE code_key AS
WITH pm_link AS (
  SELECT code, min(linked_id) AS erp_code FROM cost_codes
  WHERE side = 'pm' AND linked_id IS NOT NULL GROUP BY code
),
map AS (SELECT *, norm_no(pm_cost_code) AS pm_norm FROM map_cost_codes),
used AS (SELECT *, norm_no(cost_code) AS code_norm FROM codes_used),
resolved AS (
  SELECT u.side, u.cost_code, u.cost_type,
    CASE WHEN u.side = 'erp' THEN u.cost_code
         ELSE coalesce(mx.erp_cost_code, ma.erp_cost_code, lc.erp_code, u.cost_code) END AS erp_code,
    CASE WHEN u.side = 'erp' THEN u.cost_type
         ELSE coalesce(mx.erp_cost_type, ma.erp_cost_type, u.cost_type) END AS erp_type
  FROM used u
  LEFT JOIN map mx ON u.side = 'pm' AND mx.pm_norm = u.code_norm AND lower(mx.pm_cost_type) = lower(u.cost_type)
  LEFT JOIN map ma ON u.side = 'pm' AND ma.pm_norm = u.code_norm AND ma.pm_cost_type IS NULL
  LEFT JOIN pm_link lc ON u.side = 'pm' AND lc.code = u.cost_code
  QUALIFY row_number() OVER (PARTITION BY u.side, u.cost_code, u.cost_type) = 1
)
SELECT side, cost_code, cost_type, erp_code, norm_no(erp_code) AS key_code, lower(erp_type) AS key_type
FROM resolved;

-- The code keys each side knows: its cost-code list plus every code it uses. A code used on one side whose
-- key is unknown on the other is costcode.unmapped.
CREATE OR REPLACE TEMP TABLE known_codes AS
SELECT DISTINCT side, key_code FROM code_key
UNION
SELECT c.side, norm_no(coalesce(CASE WHEN c.side = 'pm' THEN coalesce(m.erp_cost_code, c.linked_id) END, c.code))
FROM cost_codes c
LEFT JOIN map_cost_codes m ON c.side = 'pm' AND norm_no(m.pm_cost_code) = norm_no(c.code);

CREATE OR REPLACE TEMP TABLE unmapped_codes AS
SELECT DISTINCT k.side, k.key_code FROM code_key k
WHERE NOT EXISTS (SELECT 1 FROM known_codes o WHERE o.side <> k.side AND o.key_code = k.key_code);

-- ---------------------------------------------------------------- comparing lines at the right grain
-- Compares per-line amounts of both sides, gathered by a check into a temp table or view with the columns
-- (side, jk, key_code, key_type, code_label, amount). The grain is chosen per job:
--   * by cost type when both sides break the job down by more than one cost type, or one side's types are
--     a subset of the other's, or only one side has lines at all;
--   * otherwise by cost code (QuickBooks has no cost types; a header-only side cannot be compared by type).
-- Lines are summed within the grain first, so several lines on one side against one on the other (change-order
-- edits merged by the ERP) are one comparison, not many. A side without the line counts 0.00 on it.
CREATE OR REPLACE TEMP MACRO compare_lines(amounts, abs_tol, rel_tol) AS TABLE
WITH typing AS (
  SELECT jk,
    list_sort(list(DISTINCT key_type) FILTER (WHERE side = 'pm' AND key_type IS NOT NULL)) AS pm_types,
    list_sort(list(DISTINCT key_type) FILTER (WHERE side = 'erp' AND key_type IS NOT NULL)) AS erp_types
  FROM (SELECT DISTINCT side, jk, key_type FROM query_table(amounts))
  GROUP BY jk
),
grain AS (
  SELECT jk, t.pm_types IS NULL OR t.erp_types IS NULL OR len(t.pm_types) = 0 OR len(t.erp_types) = 0
           OR list_has_all(t.pm_types, t.erp_types) OR list_has_all(t.erp_types, t.pm_types)
           OR (len(t.pm_types) > 1 AND len(t.erp_types) > 1) AS by_type
  FROM typing t
),
g AS (
  SELECT a.side, a.jk, a.key_code, CASE WHEN gr.by_type THEN a.key_type END AS key_type,
    CASE WHEN gr.by_type THEN coalesce(a.key_type, '') ELSE '*' END AS type_key,
    min(a.code_label) AS code_label, sum(a.amount) AS amount
  FROM query_table(amounts) a JOIN grain gr USING (jk)
  GROUP BY ALL
),
p AS (SELECT * FROM g WHERE side = 'pm'),
e AS (SELECT * FROM g WHERE side = 'erp')
SELECT
  coalesce(p.jk, e.jk) AS jk,
  coalesce(p.key_code, e.key_code) AS key_code,
  coalesce(p.key_type, e.key_type) AS key_type,
  coalesce(e.code_label, p.code_label) AS code_label,
  coalesce(p.amount, 0) AS pm_amount, coalesce(e.amount, 0) AS erp_amount
FROM p FULL JOIN e ON p.jk = e.jk AND p.key_code = e.key_code AND p.type_key = e.type_key
WHERE beyond(p.amount, e.amount, abs_tol, rel_tol);

-- The rows behind the lines that differ (a check builds their documents from these only, not from every
-- line): `lines` is the table the amounts came from; diff_type is the compared grain's cost type (NULL when
-- compared by cost code).
CREATE OR REPLACE TEMP MACRO differing_lines(differences, lines) AS TABLE
SELECT d.key_type AS diff_type, x.*
FROM query_table(differences) d
JOIN query_table(lines) x ON x.jk = d.jk AND x.key_code = d.key_code
  AND (d.key_type IS NULL OR x.key_type = d.key_type);

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
