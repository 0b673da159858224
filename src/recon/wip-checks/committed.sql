-- forecast.below_committed's floor, per ERP job as of a date, from the books (the same side the WIP's cost to
-- date comes from): what is already committed (approved, complete or executed subcontracts and purchase
-- orders at their revised amount, approved changes included) and what of the cost to date was invoiced
-- against those commitments (posted or paid AP invoices, gross, dated on or before as-of). The cost to date
-- outside commitments is the WIP's cost to date less the latter, so an estimate can be set against
-- committed + uncommitted cost to date. Which commitments and invoices count, and at what amount, is the
-- ledger's rule (ledger_commitments, ledger_payables).
WITH committed AS (
  SELECT job_id, sum(amount) AS committed, count(*) AS commitments
  FROM ledger_commitments()
  WHERE side = 'erp' AND committed
  GROUP BY job_id
),
invoiced AS (
  SELECT job_id, sum(gross_amount) AS invoiced
  FROM ledger_payables()
  WHERE side = 'erp' AND counted AND commitment_id IS NOT NULL
    AND (counts_from IS NULL OR counts_from <= $as_of::DATE)
  GROUP BY job_id
)
SELECT j.job_id, coalesce(c.committed, 0) AS committed, coalesce(c.commitments, 0) AS commitments,
  coalesce(i.invoiced, 0) AS invoiced_on_commitments
FROM jobs j
LEFT JOIN committed c ON c.job_id = j.job_id
LEFT JOIN invoiced i ON i.job_id = j.job_id
WHERE j.side = 'erp'
