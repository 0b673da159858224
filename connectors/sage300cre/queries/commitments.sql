-- Commitments (JC commitment master): subcontracts and purchase orders. The header's amount columns are
-- known only from a partial public list: each is read when the table has it, else left empty.
SELECT c.Commitment AS commitment, c.Vendor AS vendor, c.Job AS job, c.Commitment_Type AS commitment_type,
  c.Closed AS closed,
  NULL AS original_commitment, -- optional: c.Original_Commitment
  NULL AS approved_changes, -- optional: c.Approved_Commitment_Changes
  NULL AS retainage_percent -- optional: c.Retainage_Percent
FROM JCM_MASTER__COMMITMENT c
