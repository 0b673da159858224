-- Subcontracts (SL header). Status 0 open, 1 complete, 2 closed, 3 pending.
SELECT h.SL AS sl, h.Job AS job, h.Vendor AS vendor, h.Status AS status, h.OrigDate AS orig_date,
  NULL AS linked_id -- linked: h
FROM dbo.SLHD h
WHERE h.SLCo = @co
