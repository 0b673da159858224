-- forecast.below_committed's floor, per ERP job as of a date, from the books (the same side the WIP's cost to
-- date comes from): what is already committed (approved, complete or executed subcontracts and purchase
-- orders at their revised amount, approved changes included) and what of the cost to date was invoiced
-- against those commitments (posted or paid AP invoices, gross, dated on or before as-of). The cost to date
-- outside commitments is the WIP's cost to date less the latter, so an estimate can be set against
-- committed + uncommitted cost to date. Void documents never count.
WITH committed AS (
  SELECT job_id, sum(coalesce(revised_amount, coalesce(original_amount, 0) + coalesce(approved_changes, 0))) AS committed,
    count(*) AS commitments
  FROM commitments
  WHERE side = 'erp' AND status IN ('approved', 'complete')
  GROUP BY job_id
),
invoiced AS (
  SELECT job_id, sum(gross_amount) AS invoiced
  FROM payables
  WHERE side = 'erp' AND commitment_id IS NOT NULL AND status IN ('posted', 'paid')
    AND (coalesce(period_end, invoice_date) IS NULL OR coalesce(period_end, invoice_date) <= $as_of::DATE)
  GROUP BY job_id
)
SELECT j.job_id, coalesce(c.committed, 0) AS committed, coalesce(c.commitments, 0) AS commitments,
  coalesce(i.invoiced, 0) AS invoiced_on_commitments
FROM jobs j
LEFT JOIN committed c ON c.job_id = j.job_id
LEFT JOIN invoiced i ON i.job_id = j.job_id
WHERE j.side = 'erp'
