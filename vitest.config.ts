import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'connectors/**/*.test.ts', 'reports/**/*.test.ts', 'src/**/*.test.ts'],
    // The long reliability runs (npm run test:reliability) are left out of the everyday run.
    exclude:
      process.env.TIEOUT_RELIABILITY === 'long'
        ? ['**/node_modules/**']
        : ['test/reliability/**', '**/node_modules/**'],
    pool: 'forks',
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
