-- Prime contracts (JC Contract Master), each with the first job that bills it (JCJM.Contract): Vista lets
-- several jobs share a contract; tieout reports the contract once, on its lowest job number.
SELECT m.Contract AS contract, m.ContractStatus AS contract_status,
  CAST(m.OrigContractAmt AS VARCHAR(40)) AS orig_contract_amt, m.StartDate AS start_date,
  (SELECT MIN(j.Job) FROM dbo.JCJM j WHERE j.JCCo = m.JCCo AND j.Contract = m.Contract) AS job,
  NULL AS linked_id -- linked: m
FROM dbo.JCCM m
WHERE m.JCCo = @co
