-- Purchase orders (PO header); Status read with the subcontract codes (0 open, 1 complete, 2 closed, 3 pending).
SELECT h.PO AS po, h.Job AS job, h.Vendor AS vendor, h.Status AS status, h.OrderDate AS order_date,
  NULL AS linked_id -- linked: h
FROM dbo.POHD h
WHERE h.POCo = @co
