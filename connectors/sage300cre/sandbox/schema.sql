-- Sage 300 CRE "Timberline Data" ODBC tables tieout reads, with the names the driver shows when its naming
-- option gives <APP><TYPE>_<GROUP>__<NAME> (reference/sage300cre README; column lists from public code that
-- scaffolds these tables: observed-budget-ap-ar-columns.csv). Only the columns tieout reads or the sandbox
-- needs are created; the real tables have many more. Money is DOUBLE, as the driver reports it (Sage 300 keeps
-- money in Pervasive/Actian files as floating point); dates are DATE; text is VARCHAR. There are no schemas.
-- The commitment header columns Original_Commitment, Approved_Commitment_Changes and Retainage_Percent are
-- known only from a partial public list: this sandbox company has them (the connector reads them when present).
-- Keys are not enforced: a commitment number is unique per company in Sage 300, the demo numbers them per job,
-- and the connector keys a commitment by Job and Commitment either way.

CREATE TABLE JCM_MASTER__JOB (Job VARCHAR(10) NOT NULL, Description VARCHAR(30), Status VARCHAR(20),
  Job_Type VARCHAR(10), AR_Customer VARCHAR(10), Original_Contract_Amount DOUBLE, Revised_Contract_Amount DOUBLE,
  JTD_Aprvd_Contract_Chgs DOUBLE, Actual_Start_Date DATE, Revised_Start_Date DATE, Actual_Completion_Date DATE,
  Date_Stamp DATE);
CREATE TABLE JCM_MASTER__COST_CODE (Job VARCHAR(10) NOT NULL, Extra VARCHAR(10), Cost_Code VARCHAR(12) NOT NULL,
  Description VARCHAR(30), Status VARCHAR(20), Date_Stamp DATE);
CREATE TABLE JCM_MASTER__CATEGORY (Job VARCHAR(10) NOT NULL, Extra VARCHAR(10), Cost_Code VARCHAR(12) NOT NULL,
  Category VARCHAR(10) NOT NULL, Description VARCHAR(30), Original_Estimate DOUBLE, Pending_Estimate_Changes DOUBLE,
  Approved_Estimate_Changes DOUBLE, Total_Estimate DOUBLE, Original_Commitment DOUBLE,
  Approved_Commitment_Changes DOUBLE, Revised_Commitment DOUBLE, JTD_Cost DOUBLE, Row_ID BIGINT, Row_Version BIGINT);
CREATE TABLE JCT_CURRENT__TRANSACTION (Row_ID BIGINT NOT NULL, Row_Version BIGINT, Job VARCHAR(10),
  Extra VARCHAR(10), Cost_Code VARCHAR(12), Category VARCHAR(10), Transaction_Type VARCHAR(20),
  Accounting_Date DATE, Transaction_Date DATE, Amount DOUBLE, Units DOUBLE, Vendor VARCHAR(10),
  Invoice VARCHAR(15), Description VARCHAR(30), Application_of_Origin VARCHAR(3), Date_Stamp DATE);
CREATE TABLE APM_MASTER__VENDOR (Vendor VARCHAR(10) NOT NULL, Name VARCHAR(30), Date_Stamp DATE);
CREATE TABLE APM_MASTER__INVOICE (Vendor VARCHAR(10) NOT NULL, Invoice VARCHAR(15) NOT NULL,
  Description VARCHAR(30), Status VARCHAR(20), Amount DOUBLE, Retainage DOUBLE, Amount_Paid DOUBLE,
  Retainage_Held DOUBLE, Retainage_Paid DOUBLE, Invoice_Date DATE, Accounting_Date DATE, Onhold_Status SMALLINT,
  Date_Stamp DATE);
CREATE TABLE APM_MASTER__DISTRIBUTION (Vendor VARCHAR(10) NOT NULL, Invoice VARCHAR(15) NOT NULL,
  Dist_Seq INTEGER NOT NULL, Description VARCHAR(30), Status VARCHAR(20), Amount DOUBLE, Retainage DOUBLE,
  Retainage_Held DOUBLE, Retainage_Paid DOUBLE, Job VARCHAR(10), Extra VARCHAR(10), Cost_Code VARCHAR(12),
  Category VARCHAR(10), Commitment VARCHAR(10), Commitment_Line_Item INTEGER, Date_Stamp DATE);
CREATE TABLE JCM_MASTER__COMMITMENT (Commitment VARCHAR(10) NOT NULL, Vendor VARCHAR(10), Job VARCHAR(10),
  Description VARCHAR(30), Commitment_Type VARCHAR(20), Closed VARCHAR(5), Amount_Invoiced DOUBLE,
  Original_Commitment DOUBLE, Approved_Commitment_Changes DOUBLE, Retainage_Percent DOUBLE, Date_Stamp DATE);
CREATE TABLE JCM_MASTER__COMMITMENT_ITEM (Commitment VARCHAR(10) NOT NULL, Item_Number INTEGER NOT NULL,
  Description VARCHAR(30), Units DOUBLE, Unit_Cost DOUBLE, Amount DOUBLE, Amount_Invoiced DOUBLE, Job VARCHAR(10),
  Extra VARCHAR(10), Cost_Code VARCHAR(12), Category VARCHAR(10), Date_Stamp DATE);
CREATE TABLE ART_CURRENT__TRANSACTION (Customer VARCHAR(10), Transaction_Date DATE, Run INTEGER, Sequence INTEGER,
  Transaction_Type VARCHAR(20), Amount_Type VARCHAR(20), Invoice VARCHAR(15), Draw VARCHAR(10), Contract VARCHAR(10),
  Contract_Item VARCHAR(10), Job VARCHAR(10), Extra VARCHAR(10), Cost_Code VARCHAR(12), Category VARCHAR(10),
  Accounting_Date DATE, Amount DOUBLE, Retainage DOUBLE, Description VARCHAR(30), Date_Stamp DATE);
