import { defineConfig } from 'drizzle-kit';

// The operational store (SQLite). Migrations are generated into src/store/migrations and applied at start-up.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/store/schema/index.ts',
  out: './src/store/migrations',
});
