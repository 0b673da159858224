-- The ledger's reading macros, created on every connection once the ledger's tables exist (they are bound
-- to them): job cost as each side counts it, and the line comparison every line-level check uses.

-- PM commitments whose lines total more than zero: the only ones an amount without lines (an invoice, a
-- pending change order) can be spread over.
CREATE OR REPLACE TEMP MACRO ledger_spreadable_commitments() AS TABLE
SELECT commitment_id FROM commitment_lines WHERE side = 'pm' GROUP BY 1 HAVING sum(amount) > 0;

-- Commitments as both sides count them: a subcontract or purchase order is committed once approved or complete
-- (draft, pending, void and terminated ones are not; a blank status is neither: committed NULL), at its revised
-- amount, else original + approved changes.
CREATE OR REPLACE TEMP MACRO ledger_commitments() AS TABLE
SELECT c.*, coalesce(c.revised_amount, c.original_amount + coalesce(c.approved_changes, 0)) AS amount,
  c.status IN ('approved', 'complete') AS committed
FROM commitments c;

-- Subcontractor and supplier invoices as each side counts them: the PM side's approved, posted or paid ones, the
-- ERP's posted or paid ones (entered but not posted is not in the books); void, pending and rejected ones never
-- count; a blank status is neither (counted NULL). An invoice counts from its period end, else its date
-- (counts_from NULL: undated, it always counts).
CREATE OR REPLACE TEMP MACRO ledger_payables() AS TABLE
SELECT p.*, coalesce(p.period_end, p.invoice_date) AS counts_from,
  CASE p.side WHEN 'pm' THEN p.status IN ('approved', 'posted', 'paid')
              ELSE p.status IN ('posted', 'paid') END AS counted
FROM payables p;

-- The PM side's counted invoices (ledger_payables) dated on or before as-of, and how each reaches a cost code:
-- by its lines; else spread over the lines of its commitment (when they total more than zero); else
-- unallocated, on the job without a cost code.
CREATE OR REPLACE TEMP MACRO ledger_pm_invoices(as_of, all_jobs, pm_job) AS TABLE
SELECT p.invoice_id, p.job_id, p.commitment_id, p.gross_amount, p.number, p.source_ref, p.counts_from,
  CASE WHEN p.invoice_id IN (SELECT invoice_id FROM payable_lines WHERE side = 'pm') THEN 'lines'
       WHEN p.commitment_id IN (SELECT commitment_id FROM ledger_spreadable_commitments()) THEN 'spread'
       ELSE 'unallocated' END AS basis
FROM ledger_payables() p
WHERE p.side = 'pm' AND p.counted
  AND (as_of IS NULL OR p.counts_from IS NULL OR p.counts_from <= as_of)
  AND (all_jobs OR p.job_id = pm_job);

-- Job cost as each side counts it, row by row, for every job (all_jobs) or for one linked pair of jobs
-- (pm_job, erp_job), with the date each row counts from (counts_from; NULL: it always counts):
--   ERP  posted job cost: approved and posted cost transactions (a blank status counts: the system has no
--        statuses), credits and reversals included; pending and void rows never count, and a void row's
--        reversal (ledger_void_pairs) counts as nothing with it, whichever of the two the system kept posted.
--   PM   as Procore counts it: every direct cost (Procore's direct cost types Invoice, Expense, Payroll… reach
--        the canonical model as sources direct, ap, payroll…), with jtd = approved; and approved, posted or
--        paid subcontractor invoices (gross, before retainage), by their lines, else spread over their
--        commitment's lines (spread_cents), else on the job without a cost code; an invoice counts from its
--        period end, else its date (undated ones always count).
-- jtd says whether the row counts in job-to-date cost (pending PM direct costs are shown in Procore's Direct
-- Cost column, never in job-to-date). Each row names the document it comes from (doc_table, doc_id, line_id:
-- the invoice line, or the commitment line an invoice was spread over; source_ref), so a figure summed from
-- these rows drills down to its documents (lineage.sql).
CREATE OR REPLACE TEMP MACRO ledger_cost_rows(all_jobs, pm_job, erp_job) AS TABLE
WITH tx AS (
  SELECT t.side, t.job_id, t.cost_code, t.cost_type,
    CASE WHEN t.side = 'erp' THEN 'cost_transactions' ELSE 'direct costs (' || coalesce(t."source", 'direct') || ')' END AS origin,
    t.status IS DISTINCT FROM 'pending' AS jtd, t.date AS counts_from, t.amount,
    'cost_transactions' AS doc_table, t.transaction_id AS doc_id, NULL::VARCHAR AS line_id, t.source_ref
  FROM cost_transactions t
  ANTI JOIN ledger_void_pairs v ON v.side = t.side AND v.transaction_id = t.transaction_id
  WHERE t.status IS DISTINCT FROM 'void'
    AND (t.side = 'pm' OR t.status IS DISTINCT FROM 'pending')
    AND (all_jobs OR (t.side = 'pm' AND t.job_id = pm_job) OR (t.side = 'erp' AND t.job_id = erp_job))
),
invoices AS (SELECT * FROM ledger_pm_invoices(NULL, all_jobs, pm_job)),
lined AS (
  SELECT i.job_id, l.cost_code, l.cost_type, 'subcontractor invoices by line' AS origin, i.counts_from, l.amount,
    'payable_lines' AS doc_table, i.invoice_id AS doc_id, l.line_id, l.source_ref
  FROM invoices i JOIN payable_lines l ON l.side = 'pm' AND l.invoice_id = i.invoice_id
  WHERE i.basis = 'lines'
),
unlined AS (SELECT * FROM invoices WHERE basis <> 'lines'),
weights AS (
  SELECT u.invoice_id AS item, cl.line_id AS part, u.gross_amount AS amount, cl.amount AS weight
  FROM unlined u JOIN commitment_lines cl ON cl.side = 'pm' AND cl.commitment_id = u.commitment_id
  WHERE u.basis = 'spread'
),
spread AS (
  SELECT u.job_id, cl.cost_code, cl.cost_type, 'subcontractor invoices spread over commitment lines' AS origin,
    u.counts_from, s.amount, 'payables' AS doc_table, u.invoice_id AS doc_id, cl.line_id, u.source_ref
  FROM spread_cents(weights) s
  JOIN unlined u ON u.invoice_id = s.item
  JOIN commitment_lines cl ON cl.side = 'pm' AND cl.commitment_id = u.commitment_id AND cl.line_id = s.part
),
unallocated AS (
  SELECT u.job_id, NULL::VARCHAR AS cost_code, NULL::VARCHAR AS cost_type,
    'subcontractor invoices without lines or commitment lines' AS origin, u.counts_from, u.gross_amount AS amount,
    'payables' AS doc_table, u.invoice_id AS doc_id, NULL::VARCHAR AS line_id, u.source_ref
  FROM unlined u WHERE u.basis = 'unallocated'
)
SELECT * FROM tx
UNION ALL SELECT 'pm', job_id, cost_code, cost_type, origin, true, counts_from, amount, doc_table, doc_id, line_id,
  source_ref FROM lined
UNION ALL SELECT 'pm', job_id, cost_code, cost_type, origin, true, counts_from, amount, doc_table, doc_id, line_id,
  source_ref FROM spread
UNION ALL SELECT 'pm', job_id, cost_code, cost_type, origin, true, counts_from, amount, doc_table, doc_id, line_id,
  source_ref FROM unallocated;

-- Job cost as each side counts it (ledger_cost_rows) as of a date (NULL: everything): one row per side × job ×
-- cost code × cost type × origin, with the rows' count.
CREATE OR REPLACE TEMP MACRO ledger_cost_lines(as_of, all_jobs, pm_job, erp_job) AS TABLE
SELECT side, job_id, cost_code, cost_type, origin, jtd, CAST(sum(amount) AS DECIMAL(18, 2)) AS amount, count(*) AS n
FROM ledger_cost_rows(all_jobs, pm_job, erp_job)
WHERE as_of IS NULL OR counts_from IS NULL OR counts_from <= as_of
GROUP BY ALL;

-- Both sides' per-line amounts, gathered by a check (or the ledger) into a temp table or view with the columns
-- (side, jk, kc, kt, code_label, amount) — kc and kt from ledger_codes — summed at the grain line_grain
-- decides: several lines on one side against one on the other (change-order edits merged by the ERP) are one
-- line. type_key is the line's key type (0 for none) when compared by cost type, -1 when by cost code; the
-- labels are the smallest code label of each side on the line.
CREATE OR REPLACE TEMP MACRO line_figures(amounts) AS TABLE
SELECT a.jk, a.kc, CASE WHEN gr.by_type THEN coalesce(a.kt, 0) ELSE -1 END AS type_key,
  max(a.kt) FILTER (WHERE gr.by_type) AS kt,
  sum(a.amount) FILTER (WHERE a.side = 'pm') AS pm, sum(a.amount) FILTER (WHERE a.side = 'erp') AS erp,
  min(a.code_label) FILTER (WHERE a.side = 'pm') AS pm_label,
  min(a.code_label) FILTER (WHERE a.side = 'erp') AS erp_label
FROM query_table(amounts) a JOIN line_grain(amounts) gr USING (jk)
GROUP BY 1, 2, 3;

-- The lines of line_figures output (`figures`: a table of its columns) that differ beyond the tolerance, a
-- side without the line counting 0.00 on it, with their key code, key type and code label (the ERP side's
-- label, else the PM side's).
CREATE OR REPLACE TEMP MACRO differing_figures(figures, abs_tol, rel_tol) AS TABLE
SELECT f.jk, f.kc, f.kt, c.key_code, t.key_type, coalesce(f.erp_label, f.pm_label) AS code_label,
  coalesce(f.pm, 0) AS pm_amount, coalesce(f.erp, 0) AS erp_amount
FROM query_table(figures) f
JOIN ledger_key_codes c ON c.kc = f.kc
LEFT JOIN ledger_key_types t ON t.kt = f.kt
WHERE beyond(f.pm, f.erp, abs_tol, rel_tol);

-- Compares per-line amounts of both sides (the columns of line_figures) and returns the lines that differ.
CREATE OR REPLACE TEMP MACRO compare_lines(amounts, abs_tol, rel_tol) AS TABLE
WITH f AS (SELECT * FROM line_figures(amounts))
SELECT * FROM differing_figures(f, abs_tol, rel_tol);

-- The rows behind the lines that differ (a check builds their documents from these only): `lines` is the
-- table the amounts came from; diff_type is the compared grain's cost type (NULL when compared by cost code).
CREATE OR REPLACE TEMP MACRO differing_lines(differences, lines) AS TABLE
SELECT d.key_type AS diff_type, x.*
FROM query_table(differences) d
JOIN query_table(lines) x ON x.jk = d.jk AND x.kc = d.kc AND (d.kt IS NULL OR x.kt = d.kt);
