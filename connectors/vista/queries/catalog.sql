-- Catalog: every column of the company database's views, to check before reading that each view and
-- column tieout needs exists in this Vista release (a missing one fails the run up front, naming it).
SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name
FROM INFORMATION_SCHEMA.COLUMNS c
WHERE c.TABLE_SCHEMA = @schema
