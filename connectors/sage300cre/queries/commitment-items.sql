-- Commitment items: the current amount per job cost code and category.
SELECT i.Commitment AS commitment, i.Item_Number AS item_number, i.Job AS job, i.Cost_Code AS cost_code,
  i.Category AS category, i.Amount AS amount
FROM JCM_MASTER__COMMITMENT_ITEM i
