/**
 * What the caller may ask of the generator, validated at the edge. `scale` is for the benchmark: more jobs,
 * more cost codes, transactions, commitments and invoices, with the same planted cases on the first jobs.
 */
import { z } from 'zod';
import { isIsoDate } from '../../connectors/canonical/dates.ts';

export const DEMO_DEFAULT_SEED = 20261;
export const DEMO_DEFAULT_AS_OF = '2026-11-20';

export const demoScaleSchema = z
  .object({
    /** Number of jobs (the planted cases need the first 40; more jobs are clean). */
    jobs: z.number().int().min(1).max(1_000_000).default(40),
    /** Cost codes per job (default: 8–20 by contract size). */
    costCodesPerJob: z.number().int().min(5).max(2_000).optional(),
    /** Approximate ERP cost transactions per job (default: what the job's months produce, ~100–600). */
    transactionsPerJob: z.number().int().min(1).max(1_000_000).optional(),
    /** Commitments per job, at most one per committed budget line (default: one per trade and supplier). */
    commitmentsPerJob: z.number().int().min(0).max(10_000).optional(),
    /** Invoices per commitment over the job's life so far (default: one per month). */
    invoicesPerCommitment: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

export const demoOptionsSchema = z
  .object({
    outDir: z.string().min(1, 'name the folder to write the demo company into'),
    seed: z.number().int().min(0).max(0xffffffff).default(DEMO_DEFAULT_SEED),
    asOf: z
      .string()
      .refine(isIsoDate, 'write asOf as YYYY-MM-DD, e.g. 2026-11-20')
      .default(DEMO_DEFAULT_AS_OF),
    scale: demoScaleSchema.default({ jobs: 40 }),
    /** Plant the discrepancies (needs at least 40 jobs). Benchmarks may turn it off. */
    plant: z.boolean().default(true),
  })
  .strict();

export type DemoOptionsInput = z.input<typeof demoOptionsSchema>;
export type DemoOptions = z.output<typeof demoOptionsSchema>;
export type DemoScale = z.output<typeof demoScaleSchema>;
