-- The line comparison as reconciliation ran it before the ledger summed the compared lines once per
-- snapshot (reports/ledger/readers.sql, line_figures): kept here as the second computation one-pass.test.ts
-- holds the new checks to.
-- Compares per-line amounts of both sides, gathered by a check into a temp table or view with the columns
-- (side, jk, kc, kt, code_label, amount) — kc and kt from ledger_codes — at the grain line_grain decides.
-- Lines are summed within the grain first, so several lines on one side against one on the other (change-order
-- edits merged by the ERP) are one comparison, not many. A side without the line counts 0.00 on it.
-- Only the lines that differ get their key code, key type and code label (the smallest of the ERP side's
-- labels in the grain, else the PM side's) back.
CREATE OR REPLACE TEMP MACRO compare_lines_before(amounts, abs_tol, rel_tol) AS TABLE
WITH g AS (
  SELECT a.jk, a.kc, CASE WHEN gr.by_type THEN coalesce(a.kt, 0) ELSE -1 END AS type_key,
    max(a.kt) FILTER (WHERE gr.by_type) AS kt,
    sum(a.amount) FILTER (WHERE a.side = 'pm') AS pm, sum(a.amount) FILTER (WHERE a.side = 'erp') AS erp
  FROM query_table(amounts) a JOIN line_grain(amounts) gr USING (jk)
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
JOIN ledger_key_codes c ON c.kc = d.kc
LEFT JOIN ledger_key_types t ON t.kt = d.kt
LEFT JOIN labels l ON l.jk = d.jk AND l.kc = d.kc AND l.type_key = d.type_key;

