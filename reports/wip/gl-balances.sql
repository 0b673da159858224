-- Balance-sheet tie-out: the ERP's general-ledger balances for the WIP's contract asset and liability
-- accounts as of the WIP date, so the schedule's under billings (costs and estimated earnings in excess of
-- billings, an asset) and over billings (billings in excess of costs and estimated earnings, a liability)
-- can be set beside the books. Balances are debit positive; the caller turns the liability positive.
SELECT role, sum(balance) AS balance, count(*) AS accounts, string_agg(account, ', ' ORDER BY account) AS account_list
FROM gl_balances
WHERE side = 'erp' AND as_of = $as_of AND role IN ('under_billings', 'over_billings')
GROUP BY role
