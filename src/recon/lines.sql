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

