-- Lines, built once per run after links.sql: job cost as each side counts it, the cost-code keys both sides
-- are compared by, and the macros every line-level check (budget, job cost, change-order and commitment
-- lines) compares through. Heavy tables are aggregated by their raw keys first and mapped afterwards, so the
-- 10M-row cost table is scanned once.

-- ---------------------------------------------------------------- cost codes
-- Job cost as each side counts it, aggregated by raw job × cost code × cost type. Approved and posted rows
-- count (a blank status counts: the system has no statuses); pending and void rows do not.
-- A void row and the reversal that cancels it: some systems keep the original 'posted' and post a reversal
-- (the pair nets to zero), others mark the original 'void' and still deliver the reversal. Either way the pair
-- must count as nothing, so a counted row that exactly offsets a void row (same line and invoice, opposite
-- amount, paired one to one) is taken out with it.
-- One pass over the cost table: per line, what counts and how many void rows it holds. Lines with nothing
-- counted (only pending or void rows) are dropped; the few void pairs are taken out below in place.
CREATE OR REPLACE TEMP TABLE cost_tx AS
SELECT side, job_id, cost_code, cost_type,
  sum(amount) FILTER (WHERE status IS DISTINCT FROM 'void' AND status IS DISTINCT FROM 'pending') AS amount,
  count(*) FILTER (WHERE status IS DISTINCT FROM 'void' AND status IS DISTINCT FROM 'pending') AS rows,
  count(*) FILTER (WHERE status = 'void') AS voids
FROM cost_transactions
GROUP BY ALL;

DELETE FROM cost_tx WHERE rows = 0;

-- Void rows are few, and so are the lines that hold one: every row of those lines is read once more (one
-- pass, nothing when there are no voids), and the void rows and the reversals that offset them are paired there.
CREATE OR REPLACE TEMP TABLE cost_void_lines AS
SELECT r.side, r.job_id, r.cost_code, r.cost_type, r.transaction_id, r.amount, r.status,
  coalesce(r.invoice_id, '') AS invoice_key
FROM cost_transactions r
SEMI JOIN (SELECT side, job_id, cost_code, cost_type FROM cost_tx WHERE voids > 0) v
  ON v.side = r.side AND v.job_id = r.job_id AND v.cost_code = r.cost_code AND v.cost_type = r.cost_type;

CREATE OR REPLACE TEMP TABLE cost_offsets AS
WITH cost_voids AS (SELECT * FROM cost_void_lines WHERE status = 'void'),
candidates AS (
  SELECT r.* FROM cost_void_lines r
  SEMI JOIN cost_voids v ON v.amount = -r.amount AND v.side = r.side AND v.job_id = r.job_id
    AND v.cost_code = r.cost_code AND v.cost_type = r.cost_type
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

UPDATE cost_tx SET amount = cost_tx.amount - o.amount, rows = cost_tx.rows - o.rows
FROM cost_offsets o
WHERE o.side = cost_tx.side AND o.job_id = cost_tx.job_id AND o.cost_code = cost_tx.cost_code
  AND o.cost_type = cost_tx.cost_type;

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

-- The keys as small integers, so the line comparisons hash and join integers, not strings: kc numbers the
-- key codes ('' included: job cost without a cost code), kt the key types (NULL stays NULL; '' is 0, which
-- a blank type also compares as).
CREATE OR REPLACE TEMP TABLE key_codes AS
SELECT key_code, (row_number() OVER (ORDER BY key_code))::INTEGER AS kc
FROM (SELECT key_code FROM code_key UNION SELECT '');

CREATE OR REPLACE TEMP TABLE key_types AS
SELECT key_type, (CASE WHEN key_type = '' THEN 0 ELSE row_number() OVER (ORDER BY key_type) END)::INTEGER AS kt
FROM (SELECT DISTINCT key_type FROM code_key WHERE key_type IS NOT NULL);

ALTER TABLE code_key ADD COLUMN kc INTEGER;
ALTER TABLE code_key ADD COLUMN kt INTEGER;
UPDATE code_key SET kc = c.kc FROM key_codes c WHERE c.key_code = code_key.key_code;
UPDATE code_key SET kt = t.kt FROM key_types t WHERE t.key_type = code_key.key_type;

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
-- (side, jk, kc, kt, code_label, amount) — kc and kt from code_key. The grain is chosen per job:
--   * by cost type when both sides break the job down by more than one cost type, or one side's types are
--     a subset of the other's, or only one side has lines at all;
--   * otherwise by cost code (QuickBooks has no cost types; a header-only side cannot be compared by type).
-- Lines are summed within the grain first, so several lines on one side against one on the other (change-order
-- edits merged by the ERP) are one comparison, not many. A side without the line counts 0.00 on it.
-- Everything is compared on the integer keys; only the lines that differ get their key code, key type and
-- code label (the smallest of the ERP side's labels in the grain, else the PM side's) back.
CREATE OR REPLACE TEMP MACRO compare_lines(amounts, abs_tol, rel_tol) AS TABLE
WITH typing AS (
  SELECT jk,
    list_sort(list(kt) FILTER (WHERE side = 'pm' AND kt IS NOT NULL)) AS pm_types,
    list_sort(list(kt) FILTER (WHERE side = 'erp' AND kt IS NOT NULL)) AS erp_types
  FROM (SELECT DISTINCT side, jk, kt FROM query_table(amounts))
  GROUP BY jk
),
grain AS (
  SELECT jk, t.pm_types IS NULL OR t.erp_types IS NULL OR len(t.pm_types) = 0 OR len(t.erp_types) = 0
           OR list_has_all(t.pm_types, t.erp_types) OR list_has_all(t.erp_types, t.pm_types)
           OR (len(t.pm_types) > 1 AND len(t.erp_types) > 1) AS by_type
  FROM typing t
),
-- Both sides in one pass: per job × key code × (cost type when compared by type), each side's sum (NULL when
-- the side has no line there). A blank cost type compares as no cost type (type_key 0).
g AS (
  SELECT a.jk, a.kc, CASE WHEN gr.by_type THEN coalesce(a.kt, 0) ELSE -1 END AS type_key,
    max(a.kt) FILTER (WHERE gr.by_type) AS kt,
    sum(a.amount) FILTER (WHERE a.side = 'pm') AS pm, sum(a.amount) FILTER (WHERE a.side = 'erp') AS erp
  FROM query_table(amounts) a JOIN grain gr USING (jk)
  GROUP BY 1, 2, 3
),
differences AS (
  SELECT jk, kc, kt, type_key, coalesce(pm, 0) AS pm_amount, coalesce(erp, 0) AS erp_amount
  FROM g WHERE beyond(pm, erp, abs_tol, rel_tol)
),
labels AS (
  SELECT d.jk, d.kc, d.type_key,
    min(a.code_label) FILTER (WHERE a.side = 'pm') AS pm_label,
    min(a.code_label) FILTER (WHERE a.side = 'erp') AS erp_label
  FROM differences d
  JOIN query_table(amounts) a ON a.jk = d.jk AND a.kc = d.kc
  WHERE d.type_key = -1 OR coalesce(a.kt, 0) = d.type_key
  GROUP BY ALL
)
SELECT d.jk, d.kc, d.kt, c.key_code, t.key_type, coalesce(l.erp_label, l.pm_label) AS code_label,
  d.pm_amount, d.erp_amount
FROM differences d
JOIN key_codes c ON c.kc = d.kc
LEFT JOIN key_types t ON t.kt = d.kt
LEFT JOIN labels l ON l.jk = d.jk AND l.kc = d.kc AND l.type_key = d.type_key;

-- The rows behind the lines that differ (a check builds their documents from these only, not from every
-- line): `lines` is the table the amounts came from; diff_type is the compared grain's cost type (NULL when
-- compared by cost code).
CREATE OR REPLACE TEMP MACRO differing_lines(differences, lines) AS TABLE
SELECT d.key_type AS diff_type, x.*
FROM query_table(differences) d
JOIN query_table(lines) x ON x.jk = d.jk AND x.kc = d.kc AND (d.kt IS NULL OR x.kt = d.kt);
