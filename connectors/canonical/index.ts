export * from './dates.ts';
export * from './ddl.ts';
export * from './duckdb.ts';
export * from './fast.ts';
export * from './money.ts';
export * from './schemas.ts';
export * from './tables.ts';
