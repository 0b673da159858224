#!/usr/bin/env node
// tieout runs its TypeScript sources directly through tsx: no build step to forget.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// tieout's own tsconfig (the JSX of the pages among it), wherever tieout is started from.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
