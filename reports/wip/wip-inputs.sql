-- WIP inputs: per ERP job, the figures the WIP formulas need as of a date ($as_of), read through the ledger
-- (reports/ledger) so the WIP's cost to date is the job cost report's ERP posted cost and its job links are
-- reconciliation's. It gathers, from the books first:
--   contract  = prime contracts executed by as-of (approved or complete, or the system has no statuses; signed
--               on or before as-of when dated) on the ERP side, or on the linked PM job when the books hold
--               none (contract_side says which), plus that side's prime change orders approved on or before
--               as-of — an approved change order without an approval date counts, and is named so the report
--               can warn. Pending ones (and ones approved after as-of) are returned apart, never added; so are
--               prime contracts not yet executed (Procore "Out for Bid" is pending);
--   cost      = the ledger's ERP posted job cost dated on or before as-of (ledger_cost_lines);
--   billed    = ERP owner billings with period_end on or before as-of, issued (approved/posted/paid),
--               excluding sales tax by the canonical model's definition; retainage receivable = held − released;
--   estimates = the linked PM job's estimate at completion and the ERP revised budget (as the ledger decides
--               it: ledger_budget), both as of the snapshot (budget lines carry no dates), and both sides'
--               original budgets.
WITH erp_jobs AS (
  SELECT j.*, l.pm_job_id, l.link_candidates FROM jobs j JOIN ledger_erp_jobs l ON l.erp_job_id = j.job_id
  WHERE j.side = 'erp'
),
contracts AS (
  SELECT side, job_id,
    sum(original_amount) FILTER (WHERE executed) AS original_amount,
    count(*) FILTER (WHERE executed) AS contracts,
    coalesce(sum(original_amount) FILTER (WHERE NOT executed), 0) AS not_executed_amount,
    count(*) FILTER (WHERE NOT executed) AS not_executed
  FROM (
    SELECT *, (status IS NULL OR status IN ('approved', 'complete'))
      AND (executed_date IS NULL OR executed_date <= $as_of::DATE) AS executed
    FROM prime_contracts
    WHERE status IS NULL OR status NOT IN ('void', 'draft')
  )
  GROUP BY side, job_id
),
prime_changes AS (
  SELECT side, job_id,
    coalesce(sum(contract_amount) FILTER (
      WHERE status = 'approved' AND (approved_date IS NULL OR approved_date <= $as_of::DATE)), 0) AS approved,
    coalesce(sum(contract_amount) FILTER (
      WHERE status = 'pending' OR (status = 'approved' AND approved_date > $as_of::DATE)), 0) AS pending,
    count(*) FILTER (WHERE status = 'approved' AND approved_date IS NULL) AS approved_undated,
    string_agg(number, ', ' ORDER BY number) FILTER (WHERE status = 'approved' AND approved_date IS NULL)
      AS approved_undated_numbers
  FROM change_orders
  WHERE kind = 'prime'
  GROUP BY side, job_id
),
budgets AS (
  SELECT side, job_id,
    sum(revised) AS revised_budget,
    sum(original_budget) AS original_budget,
    sum(coalesce(estimated_cost_at_completion, revised)) AS estimate_at_completion,
    count(estimated_cost_at_completion) AS lines_with_estimate,
    count(*) AS lines
  FROM ledger_budget
  GROUP BY side, job_id
),
job_cost AS (
  SELECT job_id, sum(amount) AS cost_to_date
  FROM ledger_cost_lines($as_of::DATE, true, NULL, NULL)
  WHERE side = 'erp' AND jtd
  GROUP BY job_id
),
billed AS (
  SELECT job_id, sum(billed_amount) AS billed_to_date,
    sum(coalesce(retainage_held, 0)) - sum(coalesce(retainage_released, 0)) AS retainage_receivable
  FROM billings
  WHERE side = 'erp' AND status IN ('approved', 'posted', 'paid') AND period_end <= $as_of::DATE
  GROUP BY job_id
)
SELECT
  j.job_id,
  j.pm_job_id,
  j.link_candidates,
  j.number AS job_number,
  j.name AS job_name,
  j.status,
  j.start_date,
  j.completion_date,
  CASE WHEN ce.contracts > 0 THEN 'erp' WHEN cp.contracts > 0 THEN 'pm' ELSE 'none' END AS contract_side,
  CASE WHEN ce.contracts > 0 THEN ce.original_amount WHEN cp.contracts > 0 THEN cp.original_amount ELSE 0 END
    AS original_contract,
  CASE WHEN ce.contracts > 0 THEN coe.approved WHEN cp.contracts > 0 THEN cop.approved ELSE coalesce(coe.approved, cop.approved) END
    AS approved_change_orders,
  CASE WHEN ce.contracts > 0 THEN coe.pending WHEN cp.contracts > 0 THEN cop.pending ELSE coalesce(coe.pending, cop.pending) END
    AS pending_change_orders,
  CASE WHEN ce.contracts > 0 OR cp.contracts IS NULL OR cp.contracts = 0 THEN coe.approved_undated ELSE cop.approved_undated END
    AS approved_undated,
  CASE WHEN ce.contracts > 0 OR cp.contracts IS NULL OR cp.contracts = 0 THEN coe.approved_undated_numbers ELSE cop.approved_undated_numbers END
    AS approved_undated_numbers,
  CASE WHEN ce.contracts > 0 OR cp.contracts IS NULL OR cp.contracts = 0 THEN coalesce(ce.not_executed_amount, 0) ELSE cp.not_executed_amount END
    AS not_executed_contract,
  CASE WHEN ce.contracts > 0 OR cp.contracts IS NULL OR cp.contracts = 0 THEN coalesce(ce.not_executed, 0) ELSE cp.not_executed END
    AS not_executed_contracts,
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
LEFT JOIN contracts ce ON ce.side = 'erp' AND ce.job_id = j.job_id
LEFT JOIN contracts cp ON cp.side = 'pm' AND cp.job_id = j.pm_job_id
LEFT JOIN prime_changes coe ON coe.side = 'erp' AND coe.job_id = j.job_id
LEFT JOIN prime_changes cop ON cop.side = 'pm' AND cop.job_id = j.pm_job_id
LEFT JOIN budgets bp ON bp.side = 'pm' AND bp.job_id = j.pm_job_id
LEFT JOIN budgets be ON be.side = 'erp' AND be.job_id = j.job_id
LEFT JOIN job_cost c ON c.job_id = j.job_id
LEFT JOIN billed b ON b.job_id = j.job_id
WHERE j.start_date IS NULL OR j.start_date <= $as_of::DATE
ORDER BY j.number, j.job_id
