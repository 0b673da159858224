-- WIP inputs: per ERP job, the figures the WIP formulas need as of a date ($as_of).
-- Compares nothing; it gathers, from the books first:
--   contract  = prime contracts (not void/draft) on the ERP side, or on the linked PM job when the books hold
--               none for the job (contract_side says which), plus that side's prime change orders approved on
--               or before as-of; pending ones (and ones approved after as-of) are returned apart, never added;
--   cost      = ERP job cost dated on or before as-of with status posted or approved (void excluded,
--               reversals are negative rows and count);
--   billed    = ERP owner billings with period_end on or before as-of, issued (approved/posted/paid),
--               excluding sales tax by the canonical model's definition; retainage held beside it;
--   estimates = the linked PM job's estimate at completion and the ERP revised budget, both as of the
--               snapshot (budget lines carry no dates), and both sides' original budgets.
WITH job_link AS ({{job_link}}),
erp_jobs AS (SELECT * FROM jobs WHERE side = 'erp'),
contracts AS (
  SELECT side, job_id, sum(original_amount) AS original_amount, count(*) AS contracts
  FROM prime_contracts
  WHERE status IS NULL OR status NOT IN ('void', 'draft')
  GROUP BY side, job_id
),
prime_changes AS (
  SELECT side, job_id,
    coalesce(sum(contract_amount) FILTER (WHERE status = 'approved' AND approved_date <= $as_of), 0) AS approved,
    coalesce(sum(contract_amount) FILTER (
      WHERE status = 'pending' OR (status = 'approved' AND approved_date > $as_of)), 0) AS pending,
    count(*) FILTER (WHERE status = 'approved' AND approved_date IS NULL) AS approved_undated
  FROM change_orders
  WHERE kind = 'prime'
  GROUP BY side, job_id
),
budgets AS (
  SELECT side, job_id,
    sum(coalesce(revised_budget, coalesce(original_budget, 0) + coalesce(approved_changes, 0))) AS revised_budget,
    sum(original_budget) AS original_budget,
    sum(coalesce(estimated_cost_at_completion,
      coalesce(revised_budget, coalesce(original_budget, 0) + coalesce(approved_changes, 0)))) AS estimate_at_completion,
    count(estimated_cost_at_completion) AS lines_with_estimate,
    count(*) AS lines
  FROM budget_lines
  GROUP BY side, job_id
),
job_cost AS (
  SELECT job_id, sum(amount) AS cost_to_date
  FROM cost_transactions
  WHERE side = 'erp' AND status IN ('posted', 'approved') AND date <= $as_of
  GROUP BY job_id
),
billed AS (
  SELECT job_id, sum(billed_amount) AS billed_to_date, sum(coalesce(retainage_held, 0)) AS retainage_receivable
  FROM billings
  WHERE side = 'erp' AND status IN ('approved', 'posted', 'paid') AND period_end <= $as_of
  GROUP BY job_id
)
SELECT
  j.job_id,
  l.pm_job_id,
  coalesce(l.candidates, 0) AS link_candidates,
  j.number AS job_number,
  j.name AS job_name,
  j.status,
  j.start_date,
  j.completion_date,
  CASE WHEN ce.contracts > 0 THEN 'erp' WHEN cp.contracts > 0 THEN 'pm' ELSE 'none' END AS contract_side,
  CASE WHEN ce.contracts > 0 THEN ce.original_amount ELSE cp.original_amount END AS original_contract,
  CASE WHEN ce.contracts > 0 THEN coe.approved ELSE cop.approved END AS approved_change_orders,
  CASE WHEN ce.contracts > 0 THEN coe.pending ELSE cop.pending END AS pending_change_orders,
  CASE WHEN ce.contracts > 0 THEN coe.approved_undated ELSE cop.approved_undated END AS approved_undated,
  bp.estimate_at_completion AS pm_estimate_at_completion,
  coalesce(bp.lines_with_estimate, 0) AS pm_lines_with_estimate,
  bp.revised_budget AS pm_revised_budget,
  bp.original_budget AS pm_original_budget,
  be.revised_budget AS erp_revised_budget,
  be.original_budget AS erp_original_budget,
  coalesce(be.lines, 0) AS erp_budget_lines,
  coalesce(c.cost_to_date, 0) AS cost_to_date,
  coalesce(b.billed_to_date, 0) AS billed_to_date,
  coalesce(b.retainage_receivable, 0) AS retainage_receivable
FROM erp_jobs j
LEFT JOIN job_link l ON l.erp_job_id = j.job_id
LEFT JOIN contracts ce ON ce.side = 'erp' AND ce.job_id = j.job_id
LEFT JOIN contracts cp ON cp.side = 'pm' AND cp.job_id = l.pm_job_id
LEFT JOIN prime_changes coe ON coe.side = 'erp' AND coe.job_id = j.job_id
LEFT JOIN prime_changes cop ON cop.side = 'pm' AND cop.job_id = l.pm_job_id
LEFT JOIN budgets bp ON bp.side = 'pm' AND bp.job_id = l.pm_job_id
LEFT JOIN budgets be ON be.side = 'erp' AND be.job_id = j.job_id
LEFT JOIN job_cost c ON c.job_id = j.job_id
LEFT JOIN billed b ON b.job_id = j.job_id
WHERE j.start_date IS NULL OR j.start_date <= $as_of
ORDER BY j.number, j.job_id
