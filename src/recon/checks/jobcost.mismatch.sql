-- jobcost.mismatch: job-to-date cost per job × cost code × cost type.
--   ERP: posted job cost — every approved or posted cost transaction, credits and reversals included; void
--        rows and the reversals that cancel them count as nothing (see cost_tx in ../lines.sql), so a status
--        filter never makes phantom drift.
--   PM:  job-to-date as Procore shows it — approved direct costs plus approved subcontractor invoices
--        (approved, posted or paid; gross, before retainage). An invoice without lines is spread over its
--        commitment's lines pro rata; one with neither counts on the job without a cost code.
-- Compared at the grain both sides hold (compare_lines); documents only for the lines that differ.
CREATE OR REPLACE TEMP TABLE jobcost_lines AS
WITH invoices AS (
  SELECT p.* FROM payables p WHERE p.side = 'pm' AND p.status IN ('approved', 'posted', 'paid')
),
with_lines AS (
  SELECT i.job_id, l.cost_code, l.cost_type, sum(l.amount) AS amount, count(*) AS n
  FROM invoices i JOIN payable_lines l ON l.side = 'pm' AND l.invoice_id = i.invoice_id
  GROUP BY ALL
),
without_lines AS (
  SELECT i.* FROM invoices i
  ANTI JOIN (SELECT DISTINCT invoice_id FROM payable_lines WHERE side = 'pm') l ON l.invoice_id = i.invoice_id
),
commitment_totals AS (
  SELECT commitment_id, sum(amount) AS total FROM commitment_lines WHERE side = 'pm' GROUP BY 1 HAVING sum(amount) > 0
),
spread AS (
  SELECT i.job_id, cl.cost_code, cl.cost_type,
    -- in exact cents, rounded half-up (decimal division in DuckDB would go through a double)
    sum(CAST(CAST(sign(i.gross_amount * cl.amount) *
      ((abs(CAST(i.gross_amount * 100 AS HUGEINT) * CAST(cl.amount * 100 AS HUGEINT)) * 2
        + CAST(t.total * 100 AS HUGEINT)) // (2 * CAST(t.total * 100 AS HUGEINT))) AS DECIMAL(18, 0)) * 0.01
      AS DECIMAL(18, 2))) AS amount, count(*) AS n
  FROM without_lines i
  JOIN commitment_totals t ON t.commitment_id = i.commitment_id
  JOIN commitment_lines cl ON cl.side = 'pm' AND cl.commitment_id = i.commitment_id
  GROUP BY ALL
),
unallocated AS (
  SELECT i.job_id, NULL AS cost_code, NULL AS cost_type, sum(i.gross_amount) AS amount, count(*) AS n
  FROM without_lines i
  ANTI JOIN commitment_totals t ON t.commitment_id = i.commitment_id
  GROUP BY ALL
),
costs AS (
  SELECT side, job_id, cost_code, cost_type, amount, rows AS n, 'cost_transactions' AS origin FROM cost_tx
  UNION ALL SELECT 'pm', job_id, cost_code, cost_type, amount, n, 'payable_lines' FROM with_lines
  UNION ALL SELECT 'pm', job_id, cost_code, cost_type, amount, n, 'payables spread over commitment lines' FROM spread
)
SELECT c.side, jk.jk, k.kc, k.kt, c.cost_code AS code_label, c.amount, c.cost_type, c.origin, c.n
FROM costs c
JOIN job_key jk ON jk.side = c.side AND jk.job_id = c.job_id
JOIN code_key k ON k.side = c.side AND k.cost_code = c.cost_code
  AND k.cost_type IS NOT DISTINCT FROM c.cost_type
UNION ALL
SELECT 'pm', jk.jk, (SELECT kc FROM key_codes WHERE key_code = ''), NULL, NULL, u.amount, NULL, 'payables without lines or commitment lines', u.n
FROM unallocated u JOIN job_key jk ON jk.side = 'pm' AND jk.job_id = u.job_id;

CREATE OR REPLACE TEMP TABLE jobcost_differences AS
SELECT * FROM compare_lines('jobcost_lines', $abs, $rel);

WITH docs AS (
  SELECT jk, kc, coalesce(diff_type, '*') AS type_key,
    to_json(list(json_object('system', side, 'table', origin, 'cost_code', code_label,
    'cost_type', cost_type, 'amount', amount::VARCHAR, 'rows', n::VARCHAR)) FILTER (WHERE side = 'pm')) AS pm_docs,
    to_json(list(json_object('system', side, 'table', origin, 'cost_code', code_label,
    'cost_type', cost_type, 'amount', amount::VARCHAR, 'rows', n::VARCHAR)) FILTER (WHERE side = 'erp')) AS erp_docs
  FROM differing_lines('jobcost_differences', 'jobcost_lines')
  GROUP BY ALL
)
SELECT
  j.job_pair || '|' || c.key_code || '|' || coalesce(c.key_type, '*') AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  c.code_label AS cost_code, c.key_type AS cost_type, c.pm_amount, c.erp_amount, d.pm_docs, d.erp_docs
FROM jobcost_differences c
JOIN linked_jobs j USING (jk)
LEFT JOIN docs d ON d.jk = c.jk AND d.kc = c.kc AND d.type_key = coalesce(c.key_type, '*');
