-- The documents behind the WIP's figures, row by row (created after the ledger's tables: it reads
-- ledger_budget). The WIP inputs (reports/wip/wip-inputs.sql) are sums of these rows and its drill-down
-- (src/reports/lineage.ts) lists them, so which documents make a figure is decided here once.
--
-- ledger_wip_rows(as_of): one row per document amount, for every ERP job (erp_job_id; a PM-side document
-- reaches the ERP job it is linked to), with the WIP input it counts in (measure) and whether it counts
-- (counts: the WIP takes the contract and change orders from one side per job, see below):
--   original_contract        prime contracts executed by as-of (approved or complete, or the system has no
--                            statuses; signed on or before as-of when dated);
--   not_executed_contract    prime contracts not executed by as-of (never in the contract; named in a note);
--   approved_change_orders   prime change orders approved on or before as-of (an undated approval counts);
--   pending_change_orders    pending prime change orders, and ones approved after as-of (never in the contract);
--   cost_to_date             the ledger's ERP posted job cost dated on or before as-of (ledger_cost_rows);
--   billed_to_date           ERP owner billings issued (approved, posted, paid) with period end on or before
--                            as-of, excluding sales tax by the canonical model's definition;
--   retainage_receivable     the same billings' retainage held − released;
--   pm_estimate              the linked PM job's budget lines: estimate at completion, else revised budget;
--   erp_revised_budget       the ERP job's budget lines: the revised budget as the ledger decides it.
-- The side of the contract (contract_side) is the ERP's when the books hold an executed prime contract, else
-- the linked PM job's when it holds one, else none. Approved and pending change orders come from the
-- contract's side; with no contract on either side, from the ERP when it holds any prime change order, else
-- from the PM job. Undated approvals and not-executed contracts are read from the ERP side unless the
-- contract is the PM job's.
CREATE OR REPLACE TEMP MACRO ledger_wip_rows(as_of) AS TABLE
WITH docs AS (
  SELECT side, job_id, 'prime_contracts' AS doc_table, contract_id AS doc_id, NULL::VARCHAR AS line_id,
    number, status, executed_date AS dated, source_ref,
    CASE WHEN (status IS NULL OR status IN ('approved', 'complete'))
           AND (executed_date IS NULL OR executed_date <= as_of) THEN 'original_contract'
         ELSE 'not_executed_contract' END AS measure,
    original_amount AS amount
  FROM prime_contracts
  WHERE status IS NULL OR status NOT IN ('void', 'draft')
  UNION ALL
  SELECT side, job_id, 'change_orders', change_order_id, NULL, number, status, approved_date, source_ref,
    CASE WHEN status = 'approved' AND (approved_date IS NULL OR approved_date <= as_of) THEN 'approved_change_orders'
         WHEN status = 'pending' OR (status = 'approved' AND approved_date > as_of) THEN 'pending_change_orders'
         ELSE 'other_change_orders' END,
    coalesce(contract_amount, 0)
  FROM change_orders
  WHERE kind = 'prime'
  UNION ALL
  SELECT side, job_id, doc_table, doc_id, line_id, NULL, NULL, counts_from, source_ref, 'cost_to_date', amount
  FROM ledger_cost_rows(true, NULL, NULL)
  WHERE side = 'erp' AND jtd AND (counts_from IS NULL OR counts_from <= as_of)
  UNION ALL
  SELECT side, job_id, 'billings', billing_id, NULL, number, status, period_end, source_ref, 'billed_to_date',
    billed_amount
  FROM billings
  WHERE side = 'erp' AND status IN ('approved', 'posted', 'paid') AND period_end <= as_of
  UNION ALL
  SELECT side, job_id, 'billings', billing_id, NULL, number, status, period_end, source_ref,
    'retainage_receivable', coalesce(retainage_held, 0) - coalesce(retainage_released, 0)
  FROM billings
  WHERE side = 'erp' AND status IN ('approved', 'posted', 'paid') AND period_end <= as_of
  UNION ALL
  SELECT side, job_id, 'budget_lines', job_id, NULL, cost_code || coalesce(' / ' || cost_type, ''), NULL, NULL,
    source_ref, CASE WHEN side = 'pm' THEN 'pm_estimate' ELSE 'erp_revised_budget' END,
    CASE WHEN side = 'pm' THEN coalesce(estimated_cost_at_completion, revised) ELSE revised END
  FROM ledger_budget
),
keyed AS (
  SELECT e.erp_job_id, d.* FROM docs d JOIN ledger_erp_jobs e ON d.side = 'erp' AND d.job_id = e.erp_job_id
  UNION ALL
  SELECT e.erp_job_id, d.* FROM docs d JOIN ledger_erp_jobs e ON d.side = 'pm' AND d.job_id = e.pm_job_id
),
sides AS (
  SELECT e.erp_job_id,
    CASE WHEN count(k.doc_id) FILTER (WHERE k.side = 'erp' AND k.measure = 'original_contract') > 0 THEN 'erp'
         WHEN count(k.doc_id) FILTER (WHERE k.side = 'pm' AND k.measure = 'original_contract') > 0 THEN 'pm'
         ELSE 'none' END AS contract_side,
    count(k.doc_id) FILTER (WHERE k.side = 'erp' AND k.doc_table = 'change_orders') > 0 AS erp_has_changes
  FROM ledger_erp_jobs e LEFT JOIN keyed k ON k.erp_job_id = e.erp_job_id
  GROUP BY e.erp_job_id
)
SELECT k.erp_job_id, s.contract_side, k.side, k.job_id, k.measure, k.doc_table, k.doc_id, k.line_id, k.number,
  k.status, k.dated, k.source_ref, k.amount,
  CASE WHEN k.measure = 'original_contract' THEN k.side = s.contract_side
       WHEN k.measure IN ('approved_change_orders', 'pending_change_orders') THEN k.side = CASE
         WHEN s.contract_side <> 'none' THEN s.contract_side WHEN s.erp_has_changes THEN 'erp' ELSE 'pm' END
       WHEN k.measure = 'not_executed_contract' THEN k.side = CASE WHEN s.contract_side = 'pm' THEN 'pm' ELSE 'erp' END
       ELSE true END AS counts
FROM keyed k JOIN sides s USING (erp_job_id);
