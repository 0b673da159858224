-- The bare scan reconciliation is compared with: one GROUP BY over every cost row of both sides by job,
-- cost code and cost type, summing amounts, as bench/recon.ts does on synthetic rows. The sums are kept
-- (summed again outside): wrapped in count(*) alone, DuckDB would drop the unused sum and time only the
-- grouping. All checks together should cost little more than this (goal ≤ 2.0).
SELECT count(*) AS groups, CAST(sum(total) AS VARCHAR) AS total FROM (
  SELECT side, job_id, cost_code, cost_type, sum(amount) AS total FROM cost_transactions GROUP BY ALL
);
