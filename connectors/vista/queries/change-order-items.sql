-- Change orders (PM change order items): a pending item is known by its PCO, an approved one by its ACO.
-- PCOType and Status are the company's own codes (read in the connector).
SELECT i.Project AS project, i.PCOType AS pco_type, i.PCO AS pco, i.ACO AS aco, i.Description AS description,
  i.Status AS status, i.Approved AS approved, i.ApprovedDate AS approved_date,
  CAST(i.ApprovedAmt AS VARCHAR(40)) AS approved_amt, CAST(i.PendingAmount AS VARCHAR(40)) AS pending_amount,
  h.ApprovalDate AS approval_date,
  NULL AS linked_id -- linked: i
FROM dbo.PMOI i
LEFT JOIN dbo.PMOH h ON h.PMCo = i.PMCo AND h.Project = i.Project AND h.ACO = i.ACO
WHERE i.PMCo = @co
ORDER BY i.KeyID
