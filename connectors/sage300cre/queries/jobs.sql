-- Jobs (JC job master) with the job-level contract amount: the Contracts module's tables are not named in
-- any public source, so the prime contract is read from the job (Original_Contract_Amount).
SELECT j.Job AS job, j.Description AS description, j.Status AS status, j.Original_Contract_Amount AS contract_amount,
  j.Actual_Start_Date AS actual_start, j.Revised_Start_Date AS revised_start, j.Actual_Completion_Date AS actual_completion
FROM JCM_MASTER__JOB j
