-- A generated company for the reconciliation bench, built inside DuckDB from range(): $jobs jobs on both
-- sides (linked by number), 40 cost codes × 5 cost types, budgets, commitments, invoices, change orders,
-- and $rows cost transactions in all — the ERP's posted job cost (with voids and their reversals) plus the
-- PM side's direct costs, summarised per line as Procore receives them. One line in 500 differs.
INSERT INTO jobs
SELECT side, CASE WHEN side = 'pm' THEN 'P' ELSE 'E' END || j, NULL,
  '2025-' || lpad(j::VARCHAR, 4, '0'), 'Job ' || j, 'open', DATE '2025-01-01', NULL, 'bench'
FROM range(1, $jobs + 1) t(j), (VALUES ('pm'), ('erp')) s(side);

INSERT INTO cost_codes
SELECT side, NULL, lpad((c * 100)::VARCHAR, 5, '0'), NULL, 'Code ' || c, 'bench'
FROM range(1, 41) t(c), (VALUES ('pm'), ('erp')) s(side);

CREATE TEMP TABLE bench_lines AS
SELECT j, c, ty, ['labor', 'material', 'equipment', 'subcontract', 'other'][ty] AS cost_type,
  lpad((c * 100)::VARCHAR, 5, '0') AS code
FROM range(1, $jobs + 1) a(j), range(1, 41) b(c), range(1, 6) d(ty);

INSERT INTO budget_lines
SELECT side, CASE WHEN side = 'pm' THEN 'P' ELSE 'E' END || j, code, cost_type,
  (10000 + (j * 37 + c * 11 + ty) % 90000)::DECIMAL(18, 2), 0, (10000 + (j * 37 + c * 11 + ty) % 90000)::DECIMAL(18, 2)
    + CASE WHEN side = 'erp' AND (j * 40 + c * 5 + ty) % 500 = 0 THEN 100 ELSE 0 END,
  NULL, NULL, NULL, CASE WHEN side = 'pm' THEN (10000 + (j * 37 + c * 11 + ty) % 90000)::DECIMAL(18, 2) END, 'bench'
FROM bench_lines, (VALUES ('pm'), ('erp')) s(side);

-- ERP job cost: each row a hash-spread amount; every 1000th row voided and reversed.
INSERT INTO cost_transactions
SELECT 'erp', 'T' || i, 'E' || (i % $jobs + 1), DATE '2026-01-01' + (i % 300)::INTEGER,
  lpad(((i // $jobs) % 40 * 100 + 100)::VARCHAR, 5, '0'),
  ['labor', 'material', 'equipment', 'subcontract', 'other'][(i // ($jobs * 40)) % 5 + 1],
  ((hash(i) % 100000) / 100)::DECIMAL(18, 2), 'ap', NULL, NULL, NULL,
  CASE WHEN i % 1000 = 0 THEN 'void' ELSE 'posted' END, NULL, 'bench'
FROM range(0, $erp_rows) t(i);

INSERT INTO cost_transactions
SELECT side, transaction_id || 'R', job_id, date, cost_code, cost_type, -amount, source, vendor_id, invoice_id,
  NULL, 'posted', 'reversal', source_ref
FROM cost_transactions WHERE status = 'void';

-- PM direct costs: the ERP's job cost per line as synced, one line in 500 off by $250.
INSERT INTO cost_transactions
SELECT 'pm', 'D' || row_number() OVER (), 'P' || substr(job_id, 2), DATE '2026-10-31', cost_code, cost_type,
  sum(amount) + CASE WHEN hash(job_id || cost_code || cost_type) % 500 = 0 THEN 250 ELSE 0 END,
  'direct', NULL, NULL, NULL, 'approved', NULL, 'bench'
FROM cost_transactions WHERE side = 'erp' AND status = 'posted' AND description IS NULL
GROUP BY job_id, cost_code, cost_type;

INSERT INTO vendors
SELECT side, CASE WHEN side = 'pm' THEN 'PV' ELSE 'V' END || v, CASE WHEN side = 'pm' THEN 'V' || v END,
  'Vendor ' || v, 'active', 'bench'
FROM range(1, 201) t(v), (VALUES ('pm'), ('erp')) s(side);

INSERT INTO commitments
SELECT side, CASE WHEN side = 'pm' THEN 'PC' ELSE 'EC' END || j || '-' || k, CASE WHEN side = 'erp' THEN 'PC' || j || '-' || k END,
  CASE WHEN side = 'pm' THEN 'P' ELSE 'E' END || j, 'SC-' || k, 'subcontract',
  CASE WHEN side = 'pm' THEN 'PV' ELSE 'V' END || ((j * 5 + k) % 200 + 1), 'approved', 50000, 0, 50000, 10, NULL, 'bench'
FROM range(1, $jobs + 1) a(j), range(1, 6) b(k), (VALUES ('pm'), ('erp')) s(side);

INSERT INTO payables
SELECT side, CASE WHEN side = 'pm' THEN 'PI' ELSE 'EI' END || j || '-' || k || '-' || n,
  CASE WHEN side = 'erp' THEN 'PI' || j || '-' || k || '-' || n END, CASE WHEN side = 'pm' THEN 'P' ELSE 'E' END || j,
  'SC-' || k || '-' || n, CASE WHEN side = 'pm' THEN 'PV' ELSE 'V' END || ((j * 5 + k) % 200 + 1),
  CASE WHEN side = 'pm' THEN 'PC' ELSE 'EC' END || j || '-' || k, DATE '2026-10-15', NULL,
  CASE WHEN side = 'pm' THEN 'approved' ELSE 'posted' END, 10000, 1000, 0, 9000, 'bench'
FROM range(1, $jobs + 1) a(j), range(1, 6) b(k), range(1, 4) c(n), (VALUES ('pm'), ('erp')) s(side);

INSERT INTO change_orders
SELECT side, CASE WHEN side = 'pm' THEN 'PCO' ELSE 'ECO' END || j || '-' || k, CASE WHEN side = 'erp' THEN 'PCO' || j || '-' || k END,
  CASE WHEN side = 'pm' THEN 'P' ELSE 'E' END || j, 'PCCO-' || lpad(k::VARCHAR, 3, '0'), 'prime', NULL, 'approved',
  DATE '2026-09-01', 5500, 5000, NULL, 'bench'
FROM range(1, $jobs + 1) a(j), range(1, 4) b(k), (VALUES ('pm'), ('erp')) s(side);

-- Each subcontractor invoice on one line of its own code, on both sides' job cost (ERP AP cost rows).
INSERT INTO payable_lines
SELECT 'pm', invoice_id, '1', '09900', 'subcontract', gross_amount, retainage_held, 'bench' FROM payables WHERE side = 'pm';

INSERT INTO cost_transactions
SELECT 'erp', 'AP' || invoice_id, job_id, invoice_date, '09900', 'subcontract', gross_amount, 'ap', vendor_id,
  invoice_id, NULL, 'posted', 'ap invoice', 'bench'
FROM payables WHERE side = 'erp';
