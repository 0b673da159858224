-- WIP inputs: per ERP job, the figures the WIP formulas need as of a date ($as_of), read through the ledger
-- (reports/ledger) so the WIP's cost to date is the job cost report's ERP posted cost and its job links are
-- reconciliation's. Every amount is a sum of the documents ledger_wip_rows (reports/ledger/lineage.sql) lists,
-- the rows a figure's drill-down shows. It gathers, from the books first:
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
wip_rows AS (SELECT * FROM ledger_wip_rows($as_of::DATE)),
per_job AS (
  SELECT erp_job_id, any_value(contract_side) AS contract_side,
    coalesce(sum(amount) FILTER (WHERE counts AND measure = 'original_contract'), 0) AS original_contract,
    coalesce(sum(amount) FILTER (WHERE counts AND measure = 'approved_change_orders'), 0) AS approved_change_orders,
    coalesce(sum(amount) FILTER (WHERE counts AND measure = 'pending_change_orders'), 0) AS pending_change_orders,
    coalesce(sum(amount) FILTER (WHERE counts AND measure = 'not_executed_contract'), 0) AS not_executed_contract,
    count(*) FILTER (WHERE counts AND measure = 'not_executed_contract') AS not_executed_contracts,
    count(*) FILTER (WHERE counts AND measure = 'approved_change_orders' AND dated IS NULL) AS approved_undated,
    string_agg(number, ', ' ORDER BY number)
      FILTER (WHERE counts AND measure = 'approved_change_orders' AND dated IS NULL) AS approved_undated_numbers,
    coalesce(sum(amount) FILTER (WHERE measure = 'cost_to_date'), 0) AS cost_to_date,
    coalesce(sum(amount) FILTER (WHERE measure = 'billed_to_date'), 0) AS billed_to_date,
    coalesce(sum(amount) FILTER (WHERE measure = 'retainage_receivable'), 0) AS retainage_receivable,
    sum(amount) FILTER (WHERE measure = 'pm_estimate') AS pm_estimate_at_completion,
    sum(amount) FILTER (WHERE measure = 'erp_revised_budget') AS erp_revised_budget
  FROM wip_rows
  GROUP BY erp_job_id
),
budgets AS (
  SELECT side, job_id,
    sum(revised) AS revised_budget,
    sum(original_budget) AS original_budget,
    count(estimated_cost_at_completion) AS lines_with_estimate,
    count(*) AS lines
  FROM ledger_budget
  GROUP BY side, job_id
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
  coalesce(w.contract_side, 'none') AS contract_side,
  coalesce(w.original_contract, 0) AS original_contract,
  coalesce(w.approved_change_orders, 0) AS approved_change_orders,
  coalesce(w.pending_change_orders, 0) AS pending_change_orders,
  coalesce(w.approved_undated, 0) AS approved_undated,
  w.approved_undated_numbers,
  coalesce(w.not_executed_contract, 0) AS not_executed_contract,
  coalesce(w.not_executed_contracts, 0) AS not_executed_contracts,
  w.pm_estimate_at_completion,
  coalesce(bp.lines_with_estimate, 0) AS pm_lines_with_estimate,
  bp.revised_budget AS pm_revised_budget,
  bp.original_budget AS pm_original_budget,
  w.erp_revised_budget,
  be.original_budget AS erp_original_budget,
  coalesce(be.lines, 0) AS erp_budget_lines,
  coalesce(w.cost_to_date, 0) AS cost_to_date,
  coalesce(w.billed_to_date, 0) AS billed_to_date,
  coalesce(w.retainage_receivable, 0) AS retainage_receivable
FROM erp_jobs j
LEFT JOIN per_job w ON w.erp_job_id = j.job_id
LEFT JOIN budgets bp ON bp.side = 'pm' AND bp.job_id = j.pm_job_id
LEFT JOIN budgets be ON be.side = 'erp' AND be.job_id = j.job_id
WHERE j.start_date IS NULL OR j.start_date <= $as_of::DATE
ORDER BY j.number, j.job_id
