-- approval.stale: items waiting in the integration queue for their accounting approver longer than the
-- company allows (approvalStaleDays, counted from the submitted date to the snapshot date). Items with no
-- approver at all are approval.no_approver instead.
SELECT
  q.side || '|' || q.item_id AS natural_key,
  coalesce(j.job_number, raw.number) AS job_number,
  j.pm_job_id, j.erp_job_id, coalesce(j.pm_job_name, raw.name) AS pm_job_name, j.erp_job_name,
  q.item_number AS document,
  json_object('item_label', CASE q.item_type WHEN 'change_order' THEN 'Change order'
      WHEN 'cost_code' THEN 'Cost code' ELSE upper(q.item_type[1]) || q.item_type[2:] END,
    'submitted_date', q.submitted_date::VARCHAR, 'approver', q.approver,
    'days_waiting', date_diff('day', q.submitted_date, CAST($taken_date AS DATE)), 'side', q.side) AS facts,
  to_json([json_object('system', q.side, 'table', 'sync_queue', 'id', q.item_id, 'number', q.item_number,
    'date', q.submitted_date::VARCHAR, 'status', q.status, 'record', q.record_id, 'approver', q.approver,
    'ref', q.source_ref)]) AS pm_docs
FROM sync_queue q
LEFT JOIN ledger_job_key k ON k.side = q.side AND k.job_id = q.job_id
LEFT JOIN ledger_jobs j ON j.jk = k.jk
LEFT JOIN jobs raw ON raw.side = q.side AND raw.job_id = q.job_id
WHERE q.status = 'waiting' AND trim(coalesce(q.approver, '')) <> ''
  AND date_diff('day', q.submitted_date, CAST($taken_date AS DATE)) > $stale_days;
