-- Approved subcontractor invoices of the PM job linked to ERP job $erp_job_id (Procore counts them in job-to-date
-- cost), one row per invoice line; an invoice without lines comes back once per line of its commitment with
-- the commitment line amount, so the caller can spread it pro rata (and say so), or with blank codes when
-- neither exists. Void, pending and rejected invoices are left out.
-- $pm_job_id is the PM job linked to $erp_job_id, as job-header.sql found it through the shared job link
-- (NULL when there is none or it is ambiguous: then no PM row matches).
WITH pm_job AS (SELECT $pm_job_id::VARCHAR AS pm_job_id),
invoices AS (
  SELECT invoice_id, commitment_id, gross_amount FROM payables
  WHERE side = 'pm' AND status IN ('approved', 'posted', 'paid')
    AND job_id IN (SELECT pm_job_id FROM pm_job)
    AND coalesce(period_end, invoice_date, $as_of) <= $as_of
),
lined AS (
  SELECT i.invoice_id, 'line' AS basis, l.cost_code, l.cost_type, l.amount, NULL::DECIMAL(18,2) AS weight
  FROM invoices i JOIN payable_lines l ON l.side = 'pm' AND l.invoice_id = i.invoice_id
),
unlined AS (
  SELECT i.* FROM invoices i WHERE i.invoice_id NOT IN (SELECT invoice_id FROM lined)
)
SELECT invoice_id, basis, cost_code, cost_type, amount, weight FROM lined
UNION ALL
SELECT u.invoice_id, CASE WHEN cl.commitment_id IS NULL THEN 'unallocated' ELSE 'pro_rata' END,
  cl.cost_code, cl.cost_type, u.gross_amount, cl.amount
FROM unlined u
LEFT JOIN commitment_lines cl ON cl.side = 'pm' AND cl.commitment_id = u.commitment_id
ORDER BY 1, 3, 4
