import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'connectors/**/*.test.ts', 'reports/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['test/reliability/**', '**/node_modules/**'],
    pool: 'forks',
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
