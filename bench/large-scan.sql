-- The bare scan reconciliation is compared with: one GROUP BY over every cost row of both sides by job,
-- cost code and cost type, summing amounts, as bench/recon.ts does on synthetic rows. All checks together
-- should cost little more than this (recon_vs_scan_ratio ≤ 2.0).
SELECT count(*) AS groups FROM (
  SELECT side, job_id, cost_code, cost_type, sum(amount) FROM cost_transactions GROUP BY ALL
);
