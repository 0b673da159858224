-- The documents behind a figure's rows (the rows query lineage.ts puts in the FROM below: side, doc_table,
-- doc_id, line_id, source_ref, amount, row_sign, dated, measure, cost_code, cost_type, erp_job_id, read from
-- ledger_wip_rows or job_cost_figures): each row with its document as the source system numbers it, the same
-- document on the other side when the ledger pairs it (invoices, change orders, commitments; a posted cost
-- through the invoice it came from; prime contracts and billings through linked_id), and the raw payload
-- when the connector kept it.
WITH r AS (SELECT row_number() OVER (ORDER BY dated NULLS FIRST, doc_id, line_id) AS n, * FROM ({{rows}})),
header AS (
  SELECT r.n,
    CASE WHEN r.doc_table IN ('payables', 'payable_lines') THEN 'payables'
         WHEN r.doc_table IN ('change_orders', 'change_order_lines') THEN 'change_orders'
         WHEN r.doc_table IN ('commitments', 'commitment_lines') THEN 'commitments'
         ELSE r.doc_table END AS head
  FROM r
),
docs AS (
  SELECT 'payables' AS head, side, invoice_id AS doc_id, number, status,
    coalesce(period_end, invoice_date) AS dated, NULL::VARCHAR AS description, source_ref, linked_id
  FROM payables
  UNION ALL SELECT 'change_orders', side, change_order_id, number, status, approved_date, description, source_ref,
    linked_id FROM change_orders
  UNION ALL SELECT 'commitments', side, commitment_id, number, status, executed_date, NULL, source_ref, linked_id
    FROM commitments
  UNION ALL SELECT 'prime_contracts', side, contract_id, number, status, executed_date, NULL, source_ref, linked_id
    FROM prime_contracts
  UNION ALL SELECT 'billings', side, billing_id, number, status, period_end, NULL, source_ref, linked_id FROM billings
  UNION ALL SELECT 'cost_transactions', side, transaction_id, coalesce(invoice_id, transaction_id), status, date,
    description, source_ref, invoice_id FROM cost_transactions
),
pairs AS (
  SELECT 'payables' AS head, side, doc_id, pm_id, erp_id FROM ledger_invoice_pair_of
  UNION ALL SELECT 'change_orders', side, doc_id, pm_id, erp_id FROM ledger_co_pair_of
  UNION ALL SELECT 'commitments', side, doc_id, pm_id, erp_id FROM ledger_commitment_pair_of
),
own AS (
  SELECT r.n, h.head, d.number, d.status, d.dated, d.description, d.source_ref AS doc_ref, d.linked_id
  FROM r JOIN header h USING (n)
  LEFT JOIN docs d ON d.head = h.head AND d.side = r.side AND d.doc_id = r.doc_id
  QUALIFY row_number() OVER (PARTITION BY r.n) = 1
),
other AS (
  -- A posted cost's other side is the invoice it came from, paired: ERP invoice → PM invoice.
  SELECT o.n,
    CASE WHEN o.head = 'cost_transactions' THEN 'payables' ELSE o.head END AS other_head,
    CASE WHEN o.head = 'cost_transactions' THEN (
           SELECT min(p.pm_id) FROM pairs p WHERE p.head = 'payables' AND p.side = 'erp' AND p.doc_id = o.linked_id)
         WHEN o.head IN ('payables', 'change_orders', 'commitments') THEN (
           SELECT min(CASE WHEN r.side = 'pm' THEN p.erp_id ELSE p.pm_id END) FROM pairs p
           WHERE p.head = o.head AND p.side = r.side AND p.doc_id = r.doc_id)
         ELSE (
           SELECT min(d.doc_id) FROM docs d WHERE d.head = o.head AND d.side <> r.side
             AND (d.doc_id = o.linked_id OR d.linked_id = r.doc_id))
    END AS other_id,
    CASE WHEN r.side = 'pm' THEN 'erp' ELSE 'pm' END AS other_side
  FROM own o JOIN r USING (n)
)
SELECT r.n, r.side, r.doc_table, r.doc_id, r.line_id, r.source_ref, CAST(r.amount AS VARCHAR) AS amount,
  r.row_sign, r.dated::VARCHAR AS counts_from, r.measure, r.cost_code, r.cost_type, r.erp_job_id,
  o.number, o.status, o.dated::VARCHAR AS document_date, o.description, o.doc_ref AS document_ref,
  x.other_side, x.other_head AS other_table, x.other_id, od.number AS other_number, od.source_ref AS other_ref,
  (SELECT min(CAST(payload AS VARCHAR)) FROM raw_records w
     WHERE w.side = r.side AND w.source_ref IN (r.source_ref, o.doc_ref)) AS raw_payload
FROM r JOIN own o USING (n) JOIN other x USING (n)
LEFT JOIN docs od ON od.head = x.other_head AND od.side = x.other_side AND od.doc_id = x.other_id
QUALIFY row_number() OVER (PARTITION BY r.n) = 1
ORDER BY r.n
