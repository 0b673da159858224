-- Vendors (4-4 Vendors, table actpay): recnum is the Vendor#.
SELECT v.recnum AS recnum, v.vndnme AS vndnme, v.usrdf1 AS usrdf1, v.usrdf2 AS usrdf2
FROM dbo.actpay v
ORDER BY v.recnum
