import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalFormatMarkdown } from '../../src/docs/canonical-format.ts';
import { errorKindsMarkdown } from '../../src/docs/error-kinds.ts';
import { supportedSystemsMarkdown } from '../../src/docs/supported-systems.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents the canonical CSV format exactly as the code declares it', () => {
    const section = readme
      .split('<!-- canonical-format:start -->')[1]
      ?.split('<!-- canonical-format:end -->')[0];
    expect(section?.trim(), 'regenerate with: npx tsx src/docs/canonical-format.ts').toBe(
      canonicalFormatMarkdown(),
    );
  });

  it('lists the supported systems and export profiles exactly as the built-in profiles declare them', () => {
    const section = readme
      .split('<!-- supported-systems:start -->')[1]
      ?.split('<!-- supported-systems:end -->')[0];
    expect(section?.trim(), 'regenerate with: npx tsx src/docs/supported-systems.ts').toBe(
      supportedSystemsMarkdown(),
    );
  });

  it('lists the exit codes and HTTP statuses exactly as the one error table declares them', () => {
    const section = readme.split('<!-- error-kinds:start -->')[1]?.split('<!-- error-kinds:end -->')[0];
    expect(section?.trim(), 'regenerate with: npx tsx src/docs/error-kinds.ts').toBe(errorKindsMarkdown());
  });

  it('keeps exactly the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });
});
