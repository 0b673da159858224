/** The demo company generator: a realistic mid-size commercial contractor, both sides, planted cases. */
export { DEMO_COMPANY_ID, DEMO_COMPANY_NAME, demoCompanySettings } from './company.ts';
export { type DemoChunk, type DemoOutcome, demoCompanyRows } from './company-stream.ts';
export { CONSEQUENCES } from './expectations.ts';
export { DemoOptionsError, type DemoProgress, type DemoResult, generateDemo } from './generate.ts';
export {
  COMPANY_SIZES,
  type CompanySize,
  CompanySizeError,
  type CompanySizeName,
  companySize,
  type GeneratedCompany,
  generateCompany,
  scaleForSize,
} from './large.ts';
export { DEMO_DEFAULT_AS_OF, DEMO_DEFAULT_SEED, type DemoOptionsInput, type DemoScale } from './options.ts';
export { CHECK_IDS, type CheckId, type ExpectedFinding, type PlantedCase, type Truth } from './truth.ts';
