-- Vendors (4-4 Vendors, table actpay): recnum is the Vendor#.
SELECT v.recnum AS recnum, v.vndnme AS vndnme
FROM dbo.actpay v
ORDER BY v.recnum
