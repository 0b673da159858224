-- Vendors (AP Vendor Master) of the company's vendor group.
SELECT v.Vendor AS vendor, v.Name AS name, v.ActiveYN AS active,
  NULL AS linked_id -- linked: v
FROM dbo.APVM v
WHERE v.VendorGroup = @vendorGroup
