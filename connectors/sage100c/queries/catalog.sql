-- Catalog: every column of the company database's tables, to check before reading that each table and
-- column tieout needs exists in this Sage 100 Contractor version (a missing one fails the run up front,
-- naming it, instead of half-way through).
SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name
FROM INFORMATION_SCHEMA.COLUMNS c
WHERE c.TABLE_SCHEMA = @schema
