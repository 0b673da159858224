-- approval.no_approver: items waiting in the integration queue (commitments, invoices, change orders… sent
-- for acceptance) with no accounting approver assigned. Nobody can accept them, so they wait forever and
-- never reach the other system. One finding per waiting item.
SELECT
  q.side || '|' || q.item_id AS natural_key,
  coalesce(j.job_number, raw.number) AS job_number,
  j.pm_job_id, j.erp_job_id, coalesce(j.pm_job_name, raw.name) AS pm_job_name, j.erp_job_name,
  q.item_number AS document,
  json_object('item_label', CASE q.item_type WHEN 'change_order' THEN 'Change order'
      WHEN 'cost_code' THEN 'Cost code' ELSE upper(q.item_type[1]) || q.item_type[2:] END,
    'submitted_date', q.submitted_date::VARCHAR, 'side', q.side) AS facts,
  to_json([json_object('system', q.side, 'table', 'sync_queue', 'id', q.item_id, 'number', q.item_number,
    'date', q.submitted_date::VARCHAR, 'status', q.status, 'record', q.record_id, 'message', q.message,
    'ref', q.source_ref)]) AS pm_docs
FROM sync_queue q
LEFT JOIN ledger_job_key k ON k.side = q.side AND k.job_id = q.job_id
LEFT JOIN ledger_jobs j ON j.jk = k.jk
LEFT JOIN jobs raw ON raw.side = q.side AND raw.job_id = q.job_id
WHERE q.status = 'waiting' AND (q.approver IS NULL OR trim(q.approver) = '');
