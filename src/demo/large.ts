/**
 * The large-contractor company: the demo company (same planted cases on the first jobs, same clean jobs that
 * tie to the cent) scaled to a contractor's whole book of work. A size is company totals — jobs, cost codes
 * per job, ERP cost transactions, commitments, subcontract invoices — turned into the demo generator's
 * per-job scale; the rows stream to the canonical CSV folders of both sides, never held in memory.
 * Transactions, commitments and invoices are approximate (the generator spreads them over each job's
 * months and budget lines, and just-signed or closed jobs carry fewer): the result reports what was written.
 */
import { z } from 'zod';
import { TieoutError } from '../../connectors/errors.ts';
import { type DemoProgress, type DemoResult, generateDemo } from './generate.ts';
import { DEMO_DEFAULT_AS_OF, DEMO_DEFAULT_SEED, type DemoScale } from './options.ts';
import { PLANTED_JOB_COUNT } from './roles.ts';
import { COMPANY_SIZES } from './sizes.ts';

export const companySizeSchema = z
  .object({
    jobs: z.number().int().min(1).max(1_000_000),
    costCodesPerJob: z.number().int().min(5).max(2_000).optional(),
    /** ERP cost transactions across the company (the Procore side mirrors the direct costs it was synced). */
    transactions: z.number().int().min(1).max(1_000_000_000),
    /** Commitments (subcontracts and purchase orders) across the company. */
    commitments: z.number().int().min(0).max(100_000_000),
    /** Invoices against commitments across the company. */
    invoices: z.number().int().min(0).max(1_000_000_000),
  })
  .strict();

export type CompanySize = z.infer<typeof companySizeSchema>;

export { COMPANY_SIZES } from './sizes.ts';

export type CompanySizeName = keyof typeof COMPANY_SIZES;

export class CompanySizeError extends TieoutError {
  constructor(message: string) {
    super('bad_request', 'company_size_invalid', message);
    this.name = 'CompanySizeError';
  }
}

/** A named size with any of its totals overridden, validated. */
export function companySize(name: string, overrides: Partial<CompanySize> = {}): CompanySize {
  if (!(name in COMPANY_SIZES)) {
    throw new CompanySizeError(
      `unknown size "${name}"; pick one of ${Object.keys(COMPANY_SIZES).join(', ')} (then override with --jobs, --transactions …)`,
    );
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const parsed = companySizeSchema.safeParse({ ...COMPANY_SIZES[name as CompanySizeName], ...defined });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'size'}: ${i.message}`).join('; ');
    throw new CompanySizeError(`size "${name}" is invalid: ${issues}`);
  }
  return parsed.data;
}

/** Company totals as the demo generator's per-job scale. */
export function scaleForSize(size: CompanySize): DemoScale {
  const commitmentsPerJob = Math.ceil(size.commitments / size.jobs);
  return {
    jobs: size.jobs,
    costCodesPerJob: size.costCodesPerJob,
    transactionsPerJob: Math.max(1, Math.round(size.transactions / size.jobs)),
    commitmentsPerJob,
    invoicesPerCommitment: Math.max(1, Math.round(size.invoices / Math.max(1, size.commitments))),
  };
}

export interface GenerateCompanyInput {
  outDir: string;
  size: CompanySize;
  seed?: number;
  asOf?: string;
  /** Plant the demo's cases on the first jobs (default: when there are jobs enough for them). */
  plant?: boolean;
  onProgress?: (progress: DemoProgress) => void;
}

export interface GeneratedCompany extends DemoResult {
  size: CompanySize;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
}

const rowsOf = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export async function generateCompany(input: GenerateCompanyInput): Promise<GeneratedCompany> {
  const started = performance.now();
  const result = await generateDemo(
    {
      outDir: input.outDir,
      seed: input.seed ?? DEMO_DEFAULT_SEED,
      asOf: input.asOf ?? DEMO_DEFAULT_AS_OF,
      plant: input.plant ?? input.size.jobs >= PLANTED_JOB_COUNT,
      scale: scaleForSize(input.size),
    },
    input.onProgress,
  );
  const seconds = (performance.now() - started) / 1000;
  const totalRows = rowsOf(result.rows.pm) + rowsOf(result.rows.erp);
  return {
    ...result,
    size: input.size,
    totalRows,
    seconds,
    rowsPerSecond: Math.round(totalRows / Math.max(seconds, 1e-9)),
  };
}
