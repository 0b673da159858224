-- Cost codes (6-5 Cost Codes, table cstcde): the company-wide list. recnum is the code itself, a
-- decimal(15,3) such as 1000.000; it is cast to text so no digit is lost on the way.
SELECT CAST(c.recnum AS VARCHAR(40)) AS cstcde, c.cdenme AS cdenme, c.divnum AS divnum
FROM dbo.cstcde c
ORDER BY c.recnum
