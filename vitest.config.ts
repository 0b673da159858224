import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'connectors/**/*.test.ts', 'reports/**/*.test.ts', 'src/**/*.test.ts'],
    // test/reliability runs its short forms here; TIEOUT_RELIABILITY=long (npm run test:reliability) the long ones.
    exclude: ['**/node_modules/**'],
    pool: 'forks',
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
