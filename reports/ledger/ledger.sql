-- The ledger (DESIGN §4a): what links to what and what counts, decided once per snapshot. Written into the
-- snapshot when it is published (and rebuilt as temporary tables when an older snapshot is read by a newer
-- tieout); every check, report, page and alert reads these tables and the macros of macros.sql, and none
-- derives a link, a cost-code key or a job-to-date amount of its own.
-- `{{kind}}` is TEMP or empty (persisted), set by ledger.ts.

-- ---------------------------------------------------------------- jobs
-- Records are matched across the two sides in a fixed order of trust:
--   1. the mappings in force when the snapshot was taken (map_jobs);
--   2. linked_id, the other side's id as the source system stored it (Procore origin_id, the ERP's Procore id);
--   3. the number, normalised (norm_no), and only when it is unique on both sides. Anything that merely looks
--      alike is reported (job.duplicate), never linked by guess; a number shared by two jobs on one side links
--      neither (the reports say the link is ambiguous).
CREATE OR REPLACE {{kind}} TABLE ledger_job_links (pm_job_id VARCHAR, erp_job_id VARCHAR, how VARCHAR);

INSERT INTO ledger_job_links
SELECT DISTINCT m.pm_job_id, m.erp_job_id, 'mapping'
FROM map_jobs m
JOIN jobs p ON p.side = 'pm' AND p.job_id = m.pm_job_id
JOIN jobs e ON e.side = 'erp' AND e.job_id = m.erp_job_id;

INSERT INTO ledger_job_links
SELECT DISTINCT pm_id, erp_id, 'linked_id' FROM (
  SELECT p.job_id AS pm_id, e.job_id AS erp_id FROM jobs p JOIN jobs e ON e.side = 'erp' AND p.linked_id = e.job_id
  WHERE p.side = 'pm'
  UNION ALL
  SELECT p.job_id, e.job_id FROM jobs p JOIN jobs e ON e.side = 'erp' AND e.linked_id = p.job_id
  WHERE p.side = 'pm'
)
WHERE pm_id NOT IN (SELECT pm_job_id FROM ledger_job_links)
  AND erp_id NOT IN (SELECT erp_job_id FROM ledger_job_links);

INSERT INTO ledger_job_links
WITH p AS (
  SELECT job_id, norm_no(number) AS nn FROM jobs
  WHERE side = 'pm' AND job_id NOT IN (SELECT pm_job_id FROM ledger_job_links)
), e AS (
  SELECT job_id, norm_no(number) AS nn FROM jobs
  WHERE side = 'erp' AND job_id NOT IN (SELECT erp_job_id FROM ledger_job_links)
)
SELECT p.job_id, e.job_id, 'number'
FROM p JOIN e USING (nn)
WHERE nn <> ''
  AND nn IN (SELECT nn FROM p GROUP BY nn HAVING count(*) = 1)
  AND nn IN (SELECT nn FROM e GROUP BY nn HAVING count(*) = 1);

-- One row per linked job. jk, the job key every check groups and joins by, is a plain integer;
-- job_pair ("pm id|erp id") is what stable finding keys use.
CREATE OR REPLACE {{kind}} TABLE ledger_jobs AS
SELECT
  row_number() OVER (ORDER BY l.pm_job_id, l.erp_job_id) AS jk,
  l.pm_job_id || '|' || l.erp_job_id AS job_pair,
  l.pm_job_id, l.erp_job_id, l.how,
  coalesce(p.number, e.number) AS job_number,
  p.number AS pm_job_number, e.number AS erp_job_number,
  p.name AS pm_job_name, e.name AS erp_job_name
FROM ledger_job_links l
JOIN jobs p ON p.side = 'pm' AND p.job_id = l.pm_job_id
JOIN jobs e ON e.side = 'erp' AND e.job_id = l.erp_job_id
QUALIFY row_number() OVER (PARTITION BY l.pm_job_id ORDER BY l.how) = 1
    AND row_number() OVER (PARTITION BY l.erp_job_id ORDER BY l.how) = 1;

CREATE OR REPLACE {{kind}} TABLE ledger_job_key AS
SELECT 'pm' AS side, pm_job_id AS job_id, jk FROM ledger_jobs
UNION ALL
SELECT 'erp', erp_job_id, jk FROM ledger_jobs;

-- Every ERP job, the way the books-first reports (WIP, job cost) start: its linked PM job, and when it has
-- none, how many PM jobs share its normalised number (more than one: the link is ambiguous).
CREATE OR REPLACE {{kind}} TABLE ledger_erp_jobs AS
SELECT e.job_id AS erp_job_id, l.pm_job_id, l.jk, l.how,
  CASE WHEN l.jk IS NOT NULL THEN 1
       ELSE (SELECT count(*) FROM jobs p WHERE p.side = 'pm' AND norm_no(p.number) = norm_no(e.number)
               AND norm_no(e.number) <> '') END AS link_candidates
FROM jobs e LEFT JOIN ledger_jobs l ON l.erp_job_id = e.job_id
WHERE e.side = 'erp';

-- ---------------------------------------------------------------- vendors
CREATE OR REPLACE {{kind}} TABLE ledger_vendor_pairs (pm_vendor_id VARCHAR, erp_vendor_id VARCHAR, how VARCHAR);

INSERT INTO ledger_vendor_pairs
SELECT DISTINCT m.pm_vendor_id, m.erp_vendor_id, 'mapping'
FROM map_vendors m JOIN vendors e ON e.side = 'erp' AND e.vendor_id = m.erp_vendor_id;

INSERT INTO ledger_vendor_pairs
SELECT DISTINCT pm_id, erp_id, 'linked_id' FROM (
  SELECT p.vendor_id AS pm_id, e.vendor_id AS erp_id
  FROM vendors p JOIN vendors e ON e.side = 'erp' AND p.linked_id = e.vendor_id WHERE p.side = 'pm'
  UNION ALL
  SELECT p.vendor_id, e.vendor_id
  FROM vendors p JOIN vendors e ON e.side = 'erp' AND e.linked_id = p.vendor_id WHERE p.side = 'pm'
)
WHERE pm_id NOT IN (SELECT pm_vendor_id FROM ledger_vendor_pairs);

-- A vendor as both sides know it: the ERP vendor id (a PM vendor through its pair). NULL for a PM vendor
-- without an ERP twin.
CREATE OR REPLACE {{kind}} TABLE ledger_vendor_key AS
SELECT 'erp' AS side, vendor_id, vendor_id AS vendor_key FROM vendors WHERE side = 'erp'
UNION ALL
SELECT 'pm', pm_vendor_id, min(erp_vendor_id) FROM ledger_vendor_pairs GROUP BY pm_vendor_id;

-- ---------------------------------------------------------------- jobs that look alike but are not linked
-- Same normalised number, same normalised name, or a similar name (Jaro-Winkler ≥ 0.9) with the same job
-- sequence number (the last digits), with at least one of the two jobs unlinked: the job was probably
-- created in both systems. Reported as job.duplicate, never linked by guess.
CREATE OR REPLACE {{kind}} TABLE ledger_job_lookalikes AS
WITH p AS (
  SELECT job_id, number, name, status, source_ref, norm_no(number) AS nn,
    regexp_replace(lower(name), '[^a-z0-9]', '', 'g') AS nname,
    TRY_CAST(regexp_extract(number, '([0-9]+)[^0-9]*$', 1) AS BIGINT) AS seq,
    job_id IN (SELECT pm_job_id FROM ledger_jobs) AS linked
  FROM jobs WHERE side = 'pm'
), e AS (
  SELECT job_id, number, name, status, source_ref, norm_no(number) AS nn,
    regexp_replace(lower(name), '[^a-z0-9]', '', 'g') AS nname,
    TRY_CAST(regexp_extract(number, '([0-9]+)[^0-9]*$', 1) AS BIGINT) AS seq,
    job_id IN (SELECT erp_job_id FROM ledger_jobs) AS linked
  FROM jobs WHERE side = 'erp'
),
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
-- Pairs by linked_id first, then by normalised number within the same linked job (and, for invoices, the
-- same vendor: pay applications 1, 2, 3 of different subcontractors collide routinely) when the number is
-- unique there among live (not void) documents on both sides. A PM invoice whose vendor has no ERP twin pairs
-- by number when the number is unique on the job.
CREATE OR REPLACE TEMP MACRO pair_documents(docs) AS TABLE
WITH d AS (
  SELECT x.side, x.doc_id, x.linked_id, x.number, x.status, jk.jk, norm_no(x.number) AS nn,
    coalesce(x.vendor_key, '') AS vk
  FROM query_table(docs) x JOIN ledger_job_key jk ON jk.side = x.side AND jk.job_id = x.job_id
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
  SELECT jk, nn, vk FROM rest GROUP BY jk, nn, vk
  HAVING count(*) FILTER (WHERE side = 'pm') = 1 AND count(*) FILTER (WHERE side = 'erp') = 1
),
by_number AS (
  SELECT p.doc_id AS pm_id, e.doc_id AS erp_id FROM rest p
  JOIN rest e ON e.side = 'erp' AND e.jk = p.jk AND e.nn = p.nn AND e.vk = p.vk
  JOIN unique_numbers u ON u.jk = p.jk AND u.nn = p.nn AND u.vk = p.vk
  WHERE p.side = 'pm'
),
unknown_vendor AS (
  SELECT p.doc_id AS pm_id, min(e.doc_id) AS erp_id FROM rest p
  JOIN rest e ON e.side = 'erp' AND e.jk = p.jk AND e.nn = p.nn
  WHERE p.side = 'pm' AND p.vk = '' AND e.vk <> ''
    AND (SELECT count(*) FROM rest x WHERE x.jk = p.jk AND x.nn = p.nn AND x.side = 'pm') = 1
  GROUP BY p.doc_id HAVING count(*) = 1
)
SELECT * FROM by_link
UNION ALL SELECT pm_id, erp_id, 'number' FROM by_number
UNION ALL SELECT pm_id, erp_id, 'number' FROM unknown_vendor
WHERE erp_id NOT IN (SELECT erp_id FROM by_number);

CREATE OR REPLACE TEMP VIEW ledger_co_docs AS
SELECT side, change_order_id AS doc_id, linked_id, number, status, job_id, NULL::VARCHAR AS vendor_key
FROM change_orders;
CREATE OR REPLACE {{kind}} TABLE ledger_co_pairs AS SELECT * FROM pair_documents('ledger_co_docs');

CREATE OR REPLACE TEMP VIEW ledger_commitment_docs AS
SELECT side, commitment_id AS doc_id, linked_id, number, status, job_id, NULL::VARCHAR AS vendor_key
FROM commitments;
CREATE OR REPLACE {{kind}} TABLE ledger_commitment_pairs AS SELECT * FROM pair_documents('ledger_commitment_docs');

CREATE OR REPLACE TEMP VIEW ledger_invoice_docs AS
SELECT p.side, p.invoice_id AS doc_id, p.linked_id, p.number, p.status, p.job_id, v.vendor_key
FROM payables p LEFT JOIN ledger_vendor_key v ON v.side = p.side AND v.vendor_id = p.vendor_id;
CREATE OR REPLACE {{kind}} TABLE ledger_invoice_pairs AS SELECT * FROM pair_documents('ledger_invoice_docs');

-- The same pairs seen from either side: (side, doc_id) → its pair, for plain equality joins.
CREATE OR REPLACE {{kind}} TABLE ledger_co_pair_of AS
SELECT 'pm' AS side, pm_id AS doc_id, pm_id, erp_id FROM ledger_co_pairs
UNION ALL SELECT 'erp', erp_id, pm_id, erp_id FROM ledger_co_pairs;
CREATE OR REPLACE {{kind}} TABLE ledger_commitment_pair_of AS
SELECT 'pm' AS side, pm_id AS doc_id, pm_id, erp_id FROM ledger_commitment_pairs
UNION ALL SELECT 'erp', erp_id, pm_id, erp_id FROM ledger_commitment_pairs;
CREATE OR REPLACE {{kind}} TABLE ledger_invoice_pair_of AS
SELECT 'pm' AS side, pm_id AS doc_id, pm_id, erp_id FROM ledger_invoice_pairs
UNION ALL SELECT 'erp', erp_id, pm_id, erp_id FROM ledger_invoice_pairs;

-- ---------------------------------------------------------------- void rows and their reversals
-- Some systems keep a voided original 'posted' and post a reversal (the pair nets to zero), others mark the
-- original 'void' and still deliver its reversal. Void rows never count; a counted row that reverses a void row
-- is taken out with it, so the pair counts as nothing either way. A row reverses a void row when it says so
-- (reverses_id), or when it is the opposite amount on the same job, cost code, cost type and source (ap,
-- payroll…) with the same invoice and vendor (both blank counts as the same): an amount alone never pairs two
-- rows (a genuine −500 journal credit is not the reversal of a voided +500 payroll row), and a row without a
-- source pairs only by reverses_id. Paired one to one.
CREATE OR REPLACE {{kind}} TABLE ledger_void_pairs AS
WITH voids AS (
  SELECT * FROM cost_transactions WHERE status = 'void'
),
counted AS (
  SELECT r.* FROM cost_transactions r
  WHERE r.status IS DISTINCT FROM 'void' AND r.status IS DISTINCT FROM 'pending'
    AND (r.reverses_id IS NOT NULL OR EXISTS (
      SELECT 1 FROM voids v WHERE v.side = r.side AND v.job_id = r.job_id AND v.amount = -r.amount))
),
by_reference AS (
  SELECT r.side, r.transaction_id, v.transaction_id AS void_id
  FROM counted r JOIN voids v ON v.side = r.side AND v.transaction_id = r.reverses_id
),
candidates AS (
  SELECT * FROM counted r
  WHERE r.reverses_id IS NULL AND r."source" IS NOT NULL
),
open_voids AS (
  SELECT * FROM voids v WHERE NOT EXISTS (SELECT 1 FROM by_reference b WHERE b.side = v.side AND b.void_id = v.transaction_id)
    AND v."source" IS NOT NULL
),
numbered_voids AS (
  SELECT *, row_number() OVER (PARTITION BY side, job_id, cost_code, cost_type, "source", amount,
    invoice_id, vendor_id ORDER BY transaction_id) AS n
  FROM open_voids
),
numbered_candidates AS (
  SELECT *, row_number() OVER (PARTITION BY side, job_id, cost_code, cost_type, "source", amount,
    invoice_id, vendor_id ORDER BY transaction_id) AS n
  FROM candidates
),
by_match AS (
  SELECT c.side, c.transaction_id, v.transaction_id AS void_id
  FROM numbered_voids v
  JOIN numbered_candidates c ON c.side = v.side AND c.job_id = v.job_id AND c.cost_code = v.cost_code
    AND c.cost_type = v.cost_type AND c."source" = v."source" AND c.amount = -v.amount
    AND c.invoice_id IS NOT DISTINCT FROM v.invoice_id AND c.vendor_id IS NOT DISTINCT FROM v.vendor_id
    AND c.n = v.n
)
SELECT side, transaction_id, void_id, 'reverses_id' AS how FROM by_reference
UNION ALL SELECT side, transaction_id, void_id, 'same invoice or vendor, opposite amount' FROM by_match;

-- ---------------------------------------------------------------- cost codes
-- Every (side, cost code, cost type) in use, from every table that carries one; a line without a cost code is
-- kept (its key is '', "no cost code"), so its amount is compared, never dropped.
CREATE OR REPLACE {{kind}} TABLE ledger_codes_used AS
SELECT DISTINCT side, cost_code, cost_type FROM (
  SELECT side, cost_code, cost_type FROM budget_lines
  UNION ALL SELECT DISTINCT side, cost_code, cost_type FROM cost_transactions
  UNION ALL SELECT side, cost_code, cost_type FROM change_order_lines
  UNION ALL SELECT side, cost_code, cost_type FROM commitment_lines
  UNION ALL SELECT side, cost_code, cost_type FROM payable_lines
  UNION ALL SELECT 'pm', NULL, NULL
  UNION ALL SELECT 'erp', NULL, NULL
);

-- The ERP code and type a code stands for. PM codes go through the company's cost-code map first (an entry
-- for the exact cost type beats one for any type), then the cost code's linked_id, then stand for themselves.
-- key_code is the normalised ERP code both sides are compared by: a map of two PM codes onto one ERP code
-- (1:N) gives both the same key, so the ERP's cost is on one line, never counted twice.
CREATE OR REPLACE {{kind}} TABLE ledger_codes AS
WITH pm_link AS (
  SELECT code, min(linked_id) AS erp_code FROM cost_codes
  WHERE side = 'pm' AND linked_id IS NOT NULL GROUP BY code
),
map AS (SELECT *, norm_no(pm_cost_code) AS pm_norm FROM map_cost_codes),
used AS (SELECT *, norm_no(cost_code) AS code_norm FROM ledger_codes_used),
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
SELECT side, cost_code, cost_type, erp_code, coalesce(norm_no(erp_code), '') AS key_code,
  lower(erp_type) AS key_type, NULL::INTEGER AS kc, NULL::INTEGER AS kt
FROM resolved;

-- The keys as small integers, so the line comparisons hash and join integers: kc numbers the key codes (''
-- included: job cost without a cost code), kt the key types (NULL stays NULL; '' is 0, which a blank type
-- also compares as).
CREATE OR REPLACE {{kind}} TABLE ledger_key_codes AS
SELECT key_code, (row_number() OVER (ORDER BY key_code))::INTEGER AS kc
FROM (SELECT key_code FROM ledger_codes UNION SELECT '');

CREATE OR REPLACE {{kind}} TABLE ledger_key_types AS
SELECT key_type, (CASE WHEN key_type = '' THEN 0 ELSE row_number() OVER (ORDER BY key_type) END)::INTEGER AS kt
FROM (SELECT DISTINCT key_type FROM ledger_codes WHERE key_type IS NOT NULL);

UPDATE ledger_codes SET kc = c.kc FROM ledger_key_codes c WHERE c.key_code = ledger_codes.key_code;
UPDATE ledger_codes SET kt = t.kt FROM ledger_key_types t WHERE t.key_type = ledger_codes.key_type;

-- The code keys each side knows: its cost-code list plus every code it uses. A code used on one side whose
-- key is unknown on the other is costcode.unmapped.
CREATE OR REPLACE {{kind}} TABLE ledger_known_codes AS
SELECT DISTINCT side, key_code FROM ledger_codes
UNION
SELECT c.side, norm_no(coalesce(CASE WHEN c.side = 'pm' THEN coalesce(m.erp_cost_code, c.linked_id) END, c.code))
FROM cost_codes c
LEFT JOIN map_cost_codes m ON c.side = 'pm' AND norm_no(m.pm_cost_code) = norm_no(c.code);

CREATE OR REPLACE {{kind}} TABLE ledger_unmapped_codes AS
SELECT DISTINCT k.side, k.key_code FROM ledger_codes k
WHERE k.key_code <> ''
  AND NOT EXISTS (SELECT 1 FROM ledger_known_codes o WHERE o.side <> k.side AND o.key_code = k.key_code);

-- readers.sql runs at the marker below: its macros read the tables above; the tables below read its macros.
-- @readers

-- ---------------------------------------------------------------- job cost, job to date
-- Every side's job cost on linked and unlinked jobs alike (ledger_cost_lines in macros.sql decides what
-- counts), with the job key (NULL when the job is not linked) and the cost-code keys.
CREATE OR REPLACE {{kind}} TABLE ledger_cost AS
SELECT c.side, c.job_id, jk.jk, c.cost_code, c.cost_type, k.kc, k.kt, c.origin, c.jtd, c.amount, c.n
FROM ledger_cost_lines(NULL, true, NULL, NULL) c
LEFT JOIN ledger_job_key jk ON jk.side = c.side AND jk.job_id = c.job_id
JOIN ledger_codes k ON k.side = c.side AND k.cost_code IS NOT DISTINCT FROM c.cost_code
  AND k.cost_type IS NOT DISTINCT FROM c.cost_type;

-- ---------------------------------------------------------------- budget lines
-- Every budget line with its job key (NULL when the job is not linked) and cost-code keys, and its revised
-- budget decided here once: the system's revised column when it carries one, else original + approved
-- changes (a blank counts as zero; a line a change order added has no original). Pending changes never
-- count. `changes` is the approved changes the line holds: the column, else revised − original (NULL when
-- the system carries neither, so a budget without them is never taken for one that did not change).
CREATE OR REPLACE {{kind}} TABLE ledger_budget AS
SELECT b.side, b.job_id, jk.jk, b.cost_code, b.cost_type, k.kc, k.kt, k.key_code,
  b.original_budget, b.approved_changes, b.revised_budget,
  coalesce(b.revised_budget, coalesce(b.original_budget, 0) + coalesce(b.approved_changes, 0)) AS revised,
  coalesce(b.approved_changes, b.revised_budget - b.original_budget) AS changes,
  b.pending_changes, b.committed_cost, b.forecast_to_complete, b.estimated_cost_at_completion, b.source_ref
FROM budget_lines b
LEFT JOIN ledger_job_key jk ON jk.side = b.side AND jk.job_id = b.job_id
JOIN ledger_codes k ON k.side = b.side AND k.cost_code IS NOT DISTINCT FROM b.cost_code
  AND k.cost_type IS NOT DISTINCT FROM b.cost_type;

-- ---------------------------------------------------------------- the compared lines
-- Both sides' figures per linked job × cost-code key × cost type, summed once at the grain the two sides'
-- lines of each job are compared at (line_figures in readers.sql): the revised budget (budget.mismatch) and
-- job-to-date cost (jobcost.mismatch). A check only filters these by its tolerance.
CREATE OR REPLACE TEMP VIEW ledger_budget_compared AS
SELECT side, jk, kc, kt, cost_code AS code_label, revised AS amount FROM ledger_budget WHERE jk IS NOT NULL;
CREATE OR REPLACE TEMP VIEW ledger_jtd_compared AS
SELECT side, jk, kc, kt, cost_code AS code_label, amount FROM ledger_cost WHERE jtd AND jk IS NOT NULL;

CREATE OR REPLACE {{kind}} TABLE ledger_budget_figures AS SELECT * FROM line_figures('ledger_budget_compared');
CREATE OR REPLACE {{kind}} TABLE ledger_jobcost_figures AS SELECT * FROM line_figures('ledger_jtd_compared');

CREATE OR REPLACE {{kind}} TABLE ledger_info AS
SELECT 'version' AS key, $version::VARCHAR AS value;
