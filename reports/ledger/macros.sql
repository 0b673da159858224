-- The ledger's macros: created on every connection that reads a snapshot (macros are cheap; the ledger's
-- tables are built once per snapshot, see ledger.sql). Every check, report and page reads amounts through
-- these, so each rule below is decided here and nowhere else.

-- Numbers people type differently: case, spaces, dashes, dots and zero padding do not matter.
-- "PCCO-014" = "pcco 14", "2024-017" = "2024017", "SC-003" = "SC3", "03-300" = "3300"; zeros inside a
-- number are kept ("2024-017" is not "2024-17").
CREATE OR REPLACE TEMP MACRO norm_no(s) AS
  regexp_replace(regexp_replace(lower(trim(s)), '[^a-z0-9]', '', 'g'), '(^|[a-z])0+([0-9])', '\1\2', 'g');

-- A difference beyond the tolerance: more than the absolute amount AND more than the relative share of the
-- larger side (relative 0 means any difference above the absolute amount).
CREATE OR REPLACE TEMP MACRO beyond(pm, erp, abs_tol, rel_tol) AS
  abs(coalesce(pm, 0) - coalesce(erp, 0)) > abs_tol
  AND abs(coalesce(pm, 0) - coalesce(erp, 0)) > rel_tol * greatest(abs(coalesce(pm, 0)), abs(coalesce(erp, 0)));

-- Spreading an amount over weights (an invoice without lines over its commitment's lines, a pending change
-- order without lines over the commitment it changes) in exact cents: each weight takes its share rounded
-- down, and the cents left over go one each to the largest remainders, so the parts always add up to the
-- amount to the cent. `items` has (item, part, amount, weight); weights must total more than zero per item
-- (the caller leaves the other items unallocated).
CREATE OR REPLACE TEMP MACRO spread_cents(items) AS TABLE
WITH x AS (
  SELECT item, part, amount, weight,
    CAST(round(amount * 100) AS HUGEINT) AS amount_c,
    CAST(round(weight * 100) AS HUGEINT) AS weight_c,
    sum(CAST(round(weight * 100) AS HUGEINT)) OVER (PARTITION BY item) AS total_c
  FROM query_table(items)
),
base AS (
  SELECT *, sign(amount_c) * ((abs(amount_c) * weight_c) // total_c) AS base_c,
    (abs(amount_c) * weight_c) % total_c AS remainder
  FROM x
),
ranked AS (
  SELECT *, amount_c - sum(base_c) OVER (PARTITION BY item) AS left_c,
    row_number() OVER (PARTITION BY item ORDER BY remainder DESC, part) AS r
  FROM base
)
SELECT item, part,
  CAST(CAST((base_c + CASE WHEN r <= abs(left_c) THEN sign(left_c) ELSE 0 END) AS DECIMAL(18, 0)) * 0.01
    AS DECIMAL(18, 2)) AS amount
FROM ranked;

-- The grain two sides' lines of one job are compared at, decided per job from the cost types each side uses
-- there: by cost type when both break the job down by more than one type, or one side's types are a subset
-- of the other's, or only one side has lines; otherwise by cost code (QuickBooks has no cost types; a
-- header-only side cannot be compared by type). `amounts` has (side, jk, kt).
CREATE OR REPLACE TEMP MACRO line_grain(amounts) AS TABLE
WITH typing AS (
  SELECT jk,
    list_sort(list(kt) FILTER (WHERE side = 'pm' AND kt IS NOT NULL)) AS pm_types,
    list_sort(list(kt) FILTER (WHERE side = 'erp' AND kt IS NOT NULL)) AS erp_types
  FROM (SELECT DISTINCT side, jk, kt FROM query_table(amounts))
  GROUP BY jk
)
SELECT jk, t.pm_types IS NULL OR t.erp_types IS NULL OR len(t.pm_types) = 0 OR len(t.erp_types) = 0
         OR list_has_all(t.pm_types, t.erp_types) OR list_has_all(t.erp_types, t.pm_types)
         OR (len(t.pm_types) > 1 AND len(t.erp_types) > 1) AS by_type
FROM typing t;

