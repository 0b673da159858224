/** The preset company sizes of `tieout demo generate` (apart from the generator, so the CLI's help loads none). */
import type { CompanySize } from './large.ts';

export const COMPANY_SIZES = {
  /** A small run of the large shape for `npm run bench -- --quick` and tests. */
  quick: { jobs: 50, costCodesPerJob: 40, transactions: 200_000, commitments: 1_000, invoices: 5_000 },
  /** A regional contractor. */
  medium: { jobs: 400, costCodesPerJob: 40, transactions: 1_000_000, commitments: 12_000, invoices: 60_000 },
  /** A large contractor: the size the benchmark goals are stated for. */
  large: {
    jobs: 2_000,
    costCodesPerJob: 60,
    transactions: 10_000_000,
    commitments: 100_000,
    invoices: 500_000,
  },
} as const satisfies Record<string, CompanySize>;
