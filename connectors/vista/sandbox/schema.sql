-- Viewpoint Vista tables the connector reads, as the views over the b-tables (JCCD over bJCCD), with Vista's
-- own column names (reference/viewpoint-vista/base-table-columns-2014.csv: a Vista 6.x schema). Only the
-- columns tieout reads or the sandbox needs to be faithful are created; a real table has 30-150 more.
-- Types are the SQL Server types behind Vista's user types: bCompany TINYINT, bJob/bContract VARCHAR(10),
-- bPhase VARCHAR(20), bJCCType TINYINT, bDollar NUMERIC(12,2), bPct NUMERIC(6,4) (a fraction: 0.1 = 10 %),
-- bMonth a first-of-month date (smalldatetime in Vista; DATE here), bYN CHAR(1), bVendor INT.
-- Unique keys are not enforced here: Vista's are (SLCo, SL) and (POCo, PO), which the connector does not
-- rely on (it keys a commitment by Job and SL/PO), and the demo books number subcontracts per job.
-- udProcoreID is a user-defined column this sandbox company keeps the Procore id in (see the README).

CREATE TABLE dbo.JCJM (JCCo TINYINT NOT NULL, Job VARCHAR(10) NOT NULL, Description VARCHAR(60),
  Contract VARCHAR(10), JobStatus TINYINT NOT NULL DEFAULT 0, ProjectMgr INT, KeyID BIGINT,
  udProcoreID VARCHAR(30));
CREATE TABLE dbo.JCCM (JCCo TINYINT NOT NULL, Contract VARCHAR(10) NOT NULL, Description VARCHAR(60),
  ContractStatus TINYINT NOT NULL DEFAULT 0, StartMonth DATE, StartDate DATE, RetainagePCT NUMERIC(6,4),
  OrigContractAmt NUMERIC(12,2), ContractAmt NUMERIC(12,2), BilledAmt NUMERIC(12,2), ReceivedAmt NUMERIC(12,2),
  CurrentRetainAmt NUMERIC(12,2), KeyID BIGINT, udProcoreID VARCHAR(30));
CREATE TABLE dbo.JCCI (JCCo TINYINT NOT NULL, Contract VARCHAR(10) NOT NULL, Item VARCHAR(16) NOT NULL,
  Description VARCHAR(60), RetainPCT NUMERIC(6,4), OrigContractAmt NUMERIC(12,2), ContractAmt NUMERIC(12,2),
  BilledAmt NUMERIC(12,2), KeyID BIGINT);
CREATE TABLE dbo.JCJP (JCCo TINYINT NOT NULL, Job VARCHAR(10) NOT NULL, PhaseGroup TINYINT NOT NULL,
  Phase VARCHAR(20) NOT NULL, Description VARCHAR(60), Contract VARCHAR(10), Item VARCHAR(16),
  ActiveYN CHAR(1) NOT NULL DEFAULT 'Y', KeyID BIGINT);
CREATE TABLE dbo.JCCT (PhaseGroup TINYINT NOT NULL, CostType TINYINT NOT NULL, Description VARCHAR(60),
  Abbreviation VARCHAR(5), KeyID BIGINT);
CREATE TABLE dbo.JCCH (JCCo TINYINT NOT NULL, Job VARCHAR(10) NOT NULL, PhaseGroup TINYINT NOT NULL,
  Phase VARCHAR(20) NOT NULL, CostType TINYINT NOT NULL, UM VARCHAR(3), OrigHours NUMERIC(10,2),
  OrigUnits NUMERIC(12,3), OrigCost NUMERIC(12,2) NOT NULL DEFAULT 0, LastProjDate DATE, ActiveYN CHAR(1) NOT NULL DEFAULT 'Y',
  KeyID BIGINT);
CREATE TABLE dbo.JCCP (JCCo TINYINT NOT NULL, Job VARCHAR(10) NOT NULL, PhaseGroup TINYINT NOT NULL,
  Phase VARCHAR(20) NOT NULL, CostType TINYINT NOT NULL, Mth DATE NOT NULL, ActualCost NUMERIC(12,2),
  OrigEstCost NUMERIC(12,2), CurrEstCost NUMERIC(12,2), ProjCost NUMERIC(12,2), ForecastCost NUMERIC(12,2),
  TotalCmtdCost NUMERIC(12,2), RemainCmtdCost NUMERIC(12,2));
CREATE TABLE dbo.JCCD (JCCo TINYINT NOT NULL, Mth DATE NOT NULL, CostTrans INT NOT NULL, Job VARCHAR(10),
  PhaseGroup TINYINT, Phase VARCHAR(20), CostType TINYINT, PostedDate DATE, ActualDate DATE,
  JCTransType VARCHAR(2), Source VARCHAR(10), Description VARCHAR(60), ReversalStatus TINYINT,
  ActualCost NUMERIC(12,2), EstCost NUMERIC(12,2), ProjCost NUMERIC(12,2), TotalCmtdCost NUMERIC(12,2),
  RemainCmtdCost NUMERIC(12,2), VendorGroup TINYINT, Vendor INT, APCo TINYINT, APTrans INT, APLine SMALLINT,
  APRef VARCHAR(15), PO VARCHAR(30), SL VARCHAR(30), KeyID BIGINT NOT NULL);
CREATE TABLE dbo.PMOH (PMCo TINYINT NOT NULL, Project VARCHAR(10) NOT NULL, ACO VARCHAR(10) NOT NULL,
  Description VARCHAR(60), Contract VARCHAR(10), ApprovalDate DATE, IntExt CHAR(1), KeyID BIGINT);
CREATE TABLE dbo.PMOI (PMCo TINYINT NOT NULL, Project VARCHAR(10) NOT NULL, PCOType VARCHAR(10),
  PCO VARCHAR(10), PCOItem VARCHAR(10), ACO VARCHAR(10), ACOItem VARCHAR(10), Description VARCHAR(60),
  Status VARCHAR(10), Approved CHAR(1), ApprovedDate DATE, ApprovedAmt NUMERIC(12,2),
  PendingAmount NUMERIC(12,2), Contract VARCHAR(10), ContractItem VARCHAR(16), KeyID BIGINT,
  udProcoreID VARCHAR(30));
CREATE TABLE dbo.PMOL (PMCo TINYINT NOT NULL, Project VARCHAR(10) NOT NULL, PCOType VARCHAR(10),
  PCO VARCHAR(10), PCOItem VARCHAR(10), ACO VARCHAR(10), ACOItem VARCHAR(10), PhaseGroup TINYINT,
  Phase VARCHAR(20), CostType TINYINT, EstCost NUMERIC(12,2), Subcontract VARCHAR(30), PO VARCHAR(30),
  KeyID BIGINT);
CREATE TABLE dbo.SLHD (SLCo TINYINT NOT NULL, SL VARCHAR(30) NOT NULL, JCCo TINYINT, Job VARCHAR(10),
  Description VARCHAR(60), VendorGroup TINYINT, Vendor INT, Status TINYINT NOT NULL DEFAULT 0, OrigDate DATE,
  KeyID BIGINT, udProcoreID VARCHAR(30));
CREATE TABLE dbo.SLIT (SLCo TINYINT NOT NULL, SL VARCHAR(30) NOT NULL, SLItem SMALLINT NOT NULL,
  ItemType TINYINT, JCCo TINYINT, Job VARCHAR(10), PhaseGroup TINYINT, Phase VARCHAR(20), JCCType TINYINT,
  Description VARCHAR(60), WCRetPct NUMERIC(6,4), SMRetPct NUMERIC(6,4), OrigCost NUMERIC(12,2),
  CurCost NUMERIC(12,2), InvCost NUMERIC(12,2), StoredMatls NUMERIC(12,2), KeyID BIGINT);
CREATE TABLE dbo.POHD (POCo TINYINT NOT NULL, PO VARCHAR(30) NOT NULL, VendorGroup TINYINT, Vendor INT,
  Description VARCHAR(60), OrderDate DATE, Status TINYINT NOT NULL DEFAULT 0, JCCo TINYINT, Job VARCHAR(10),
  KeyID BIGINT, udProcoreID VARCHAR(30));
CREATE TABLE dbo.POIT (POCo TINYINT NOT NULL, PO VARCHAR(30) NOT NULL, POItem SMALLINT NOT NULL,
  ItemType TINYINT, PostToCo TINYINT, Job VARCHAR(10), PhaseGroup TINYINT, Phase VARCHAR(20),
  JCCType TINYINT, Description VARCHAR(60), OrigCost NUMERIC(12,2), CurCost NUMERIC(12,2),
  RecvdCost NUMERIC(12,2), InvCost NUMERIC(12,2), RemCost NUMERIC(12,2), KeyID BIGINT);
CREATE TABLE dbo.APCO (APCo TINYINT NOT NULL, RetPayType TINYINT, RetHoldCode VARCHAR(10), KeyID BIGINT);
CREATE TABLE dbo.APVM (VendorGroup TINYINT NOT NULL, Vendor INT NOT NULL, Name VARCHAR(60),
  ActiveYN CHAR(1) NOT NULL DEFAULT 'Y', KeyID BIGINT, udProcoreID VARCHAR(30));
CREATE TABLE dbo.APTH (APCo TINYINT NOT NULL, Mth DATE NOT NULL, APTrans INT NOT NULL, VendorGroup TINYINT,
  Vendor INT, APRef VARCHAR(15), Description VARCHAR(30), InvDate DATE, DueDate DATE,
  InvTotal NUMERIC(12,2), OpenYN CHAR(1), KeyID BIGINT, udProcoreID VARCHAR(30));
CREATE TABLE dbo.APTL (APCo TINYINT NOT NULL, Mth DATE NOT NULL, APTrans INT NOT NULL, APLine SMALLINT NOT NULL,
  LineType TINYINT, PO VARCHAR(30), POItem SMALLINT, SL VARCHAR(30), SLItem SMALLINT, JCCo TINYINT,
  Job VARCHAR(10), PhaseGroup TINYINT, Phase VARCHAR(20), JCCType TINYINT, Description VARCHAR(30),
  PayType TINYINT, GrossAmt NUMERIC(12,2), Retainage NUMERIC(12,2), TaxAmt NUMERIC(12,2), KeyID BIGINT);
CREATE TABLE dbo.APTD (APCo TINYINT NOT NULL, Mth DATE NOT NULL, APTrans INT NOT NULL, APLine SMALLINT NOT NULL,
  APSeq TINYINT NOT NULL, PayType TINYINT, Amount NUMERIC(12,2), Status TINYINT, PaidMth DATE, PaidDate DATE,
  KeyID BIGINT);
CREATE TABLE dbo.ARTH (ARCo TINYINT NOT NULL, Mth DATE NOT NULL, ARTrans INT NOT NULL, ARTransType CHAR(1),
  CustGroup TINYINT, Customer INT, JCCo TINYINT, Contract VARCHAR(10), Invoice VARCHAR(10), TransDate DATE,
  Description VARCHAR(30), Invoiced NUMERIC(12,2), Retainage NUMERIC(12,2), AmountDue NUMERIC(12,2),
  KeyID BIGINT);
CREATE TABLE dbo.ARTL (ARCo TINYINT NOT NULL, Mth DATE NOT NULL, ARTrans INT NOT NULL, ARLine SMALLINT NOT NULL,
  LineType CHAR(1), JCCo TINYINT, Contract VARCHAR(10), Item VARCHAR(16), Amount NUMERIC(12,2),
  TaxAmount NUMERIC(12,2), RetgPct NUMERIC(6,4), Retainage NUMERIC(12,2), KeyID BIGINT);
