/**
 * What a run must leave behind, checked the same way by every reliability test: a published run adds
 * exactly its file to the registry; a failed run adds nothing (no file, no temporary, no findings), keeps
 * the previous snapshot current, and is recorded failed with its code and message.
 */
import path from 'node:path';
import { expect } from 'vitest';
import type { SnapshotOutcome } from '../../src/snapshot/take.ts';
import type { CompanyState, RunCompany } from '../support/run-company.ts';

type Failed = Extract<SnapshotOutcome, { ok: false }>;
type Published = Extract<SnapshotOutcome, { ok: true }>;

/** Every file in snapshots/ is registered and every registered snapshot has its file. */
export function expectFilesMatchRegistry(state: CompanyState): void {
  expect(
    state.files.filter((f) => f.startsWith('.')),
    'temporary files left behind',
  ).toEqual([]);
  expect(state.files).toEqual(state.registered);
}

export function expectAtomicFailure(company: RunCompany, before: CompanyState, outcome: Failed): void {
  const after = company.state();
  expect(after.files).toEqual(before.files);
  expect(after.registered).toEqual(before.registered);
  expect(after.current).toBe(before.current);
  expectFilesMatchRegistry(after);
  expect(after.runs[0]).toEqual({ status: 'failed', errorCode: outcome.code, errorMessage: outcome.message });
  expect(after.runs).toHaveLength(before.runs.length + 1);
  expect(outcome.message.length).toBeGreaterThan(20);
  // source.stale is the only finding a failed run may add.
  expect(after.findings).toEqual(before.findings);
}

export function expectPublished(company: RunCompany, before: CompanyState, outcome: Published): void {
  const after = company.state();
  expect(after.runs[0]?.status).toBe('succeeded');
  expect(after.current).toBe(outcome.snapshot.path);
  expect(after.registered).toContain(path.basename(outcome.snapshot.path));
  expect(after.runs).toHaveLength(before.runs.length + 1);
  expectFilesMatchRegistry(after);
}
