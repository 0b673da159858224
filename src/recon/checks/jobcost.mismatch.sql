-- jobcost.mismatch: job-to-date cost per job × cost code × cost type, as the ledger counts it (ledger_cost,
-- rules in reports/ledger/macros.sql: ledger_cost_lines):
--   ERP: posted job cost — approved and posted cost transactions, credits and reversals included; void rows
--        and the reversals that cancel them count as nothing, so a status filter never makes phantom drift.
--   PM:  job-to-date as Procore shows it — approved direct costs of every type plus approved subcontractor
--        invoices (gross, before retainage), an invoice without lines spread over its commitment's lines.
-- Lines without a cost code are compared too (as "no cost code"), never dropped. Compared at the grain both
-- sides hold, summed when the snapshot was published (ledger_jobcost_figures); documents only for the lines
-- that differ.
CREATE OR REPLACE TEMP VIEW jobcost_lines AS
SELECT c.side, c.jk, c.kc, c.kt, c.cost_code AS code_label, c.amount, c.cost_type, c.origin, c.n
FROM ledger_cost c
WHERE c.jtd AND c.jk IS NOT NULL;

CREATE OR REPLACE TEMP TABLE jobcost_differences AS
SELECT * FROM differing_figures('ledger_jobcost_figures', $abs, $rel);

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
  coalesce(c.code_label, '(no cost code)') AS cost_code, c.key_type AS cost_type, c.pm_amount, c.erp_amount,
  d.pm_docs, d.erp_docs
FROM jobcost_differences c
JOIN ledger_jobs j USING (jk)
LEFT JOIN docs d ON d.jk = c.jk AND d.kc = c.kc AND d.type_key = coalesce(c.key_type, '*');
