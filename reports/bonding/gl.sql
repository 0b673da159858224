-- The bonding view's balance-sheet accounts: the ERP's general-ledger balances by role as of the period end
-- (the same date rule as the WIP's tie-out, gl-balances.sql). Balances are debit positive: an asset is
-- positive, a liability or equity account negative. The contract asset and liability accounts (under and over
-- billings) are read too, only to be set beside the WIP's own figures, which working capital uses instead.
SELECT role, sum(balance) AS balance, string_agg(account, ', ' ORDER BY account) AS account_list
FROM gl_balances
WHERE side = 'erp' AND as_of = $as_of AND role <> 'other'
GROUP BY role
ORDER BY role
