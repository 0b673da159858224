-- invoice.mismatch: an invoice present and counted on both sides (ledger_payables) whose
-- gross amount (work billed before retainage) differs beyond tolerance. Tax not exported shows up here.
SELECT
  pr.pm_id || '|' || pr.erp_id AS natural_key,
  j.job_number, j.pm_job_id, j.erp_job_id, j.pm_job_name, j.erp_job_name,
  p.number AS document, coalesce(pv.name, ev.name) AS vendor,
  p.gross_amount AS pm_amount, e.gross_amount AS erp_amount,
  to_json([json_object('system', 'pm', 'table', 'payables', 'id', p.invoice_id, 'number', p.number,
    'date', p.invoice_date::VARCHAR, 'status', p.status, 'amount', p.gross_amount::VARCHAR, 'ref', p.source_ref)]) AS pm_docs,
  to_json([json_object('system', 'erp', 'table', 'payables', 'id', e.invoice_id, 'number', e.number,
    'date', e.invoice_date::VARCHAR, 'status', e.status, 'amount', e.gross_amount::VARCHAR, 'ref', e.source_ref)]) AS erp_docs
FROM ledger_invoice_pairs pr
JOIN ledger_payables() p ON p.side = 'pm' AND p.invoice_id = pr.pm_id
JOIN ledger_payables() e ON e.side = 'erp' AND e.invoice_id = pr.erp_id
JOIN ledger_job_key jk ON jk.side = 'pm' AND jk.job_id = p.job_id
JOIN ledger_jobs j ON j.jk = jk.jk
LEFT JOIN vendors pv ON pv.side = 'pm' AND pv.vendor_id = p.vendor_id
LEFT JOIN vendors ev ON ev.side = 'erp' AND ev.vendor_id = e.vendor_id
WHERE p.counted AND e.counted
  AND beyond(p.gross_amount, e.gross_amount, $abs, $rel);
