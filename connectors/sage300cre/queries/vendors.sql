-- Vendors (AP vendor master).
SELECT v.Vendor AS vendor, v.Name AS name
FROM APM_MASTER__VENDOR v
