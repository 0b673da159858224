/**
 * src/roles.ts decides every route and every command. Enumerated from the running app and the real CLI program
 * — the OpenAPI document's operations, every registered route (pages, /metrics, health included) and every
 * leaf command of `tieout` — nothing is left without a declared action, and the roles file names nothing that
 * no longer exists.
 */
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { buildProgram } from '../../src/cli/main.ts';
import { ACTIONS, CLI_COMMANDS, can, ROUTE_ACTIONS } from '../../src/roles.ts';
import { type Served, startTieout } from '../api/support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

function registeredRoutes(): string[] {
  const app = createApp({ runtime: t.runtime });
  const seen = new Set<string>();
  for (const r of app.routes) if (r.method !== 'ALL') seen.add(`${r.method} ${r.path}`);
  return [...seen].sort();
}

async function openApiOperations(): Promise<string[]> {
  const doc = (await (await t.api('/openapi.json', { as: null })).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const ops: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      ops.push(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
    }
  }
  return ops.sort();
}

function leafCommands(cmd: Command, prefix: string[] = []): string[] {
  const out: string[] = [];
  for (const sub of cmd.commands) {
    const path = [...prefix, sub.name()];
    if (sub.commands.length === 0) out.push(path.join(' '));
    else out.push(...leafCommands(sub, path));
  }
  return out.sort();
}

describe('the roles file covers every route, operation and command', () => {
  it('every operation of /openapi.json has a declared action', async () => {
    const ops = await openApiOperations();
    expect(ops.length).toBeGreaterThan(30);
    expect(ops.filter((op) => ROUTE_ACTIONS[op] === undefined)).toEqual([]);
  });

  it('every registered route (API, pages, /metrics, health) has a declared action, and none is stale', () => {
    const routes = registeredRoutes();
    expect(routes).toContain('GET /metrics');
    expect(routes).toContain('GET /api/health');
    expect(routes.filter((r) => ROUTE_ACTIONS[r] === undefined)).toEqual([]);
    const live = new Set(routes);
    expect(Object.keys(ROUTE_ACTIONS).filter((r) => !live.has(r))).toEqual([]);
  });

  it('every CLI command is declared (acting as a person or as the operator), and none is stale', () => {
    const commands = leafCommands(buildProgram());
    expect(commands.length).toBeGreaterThan(15);
    expect(commands.filter((c) => CLI_COMMANDS[c] === undefined)).toEqual([]);
    const live = new Set(commands);
    expect(Object.keys(CLI_COMMANDS).filter((c) => !live.has(c))).toEqual([]);
  });

  it('every declared action is taken somewhere, and only health, docs, sign-in and the webhook receiver (its own header) are public', () => {
    const used = new Set([
      ...Object.values(ROUTE_ACTIONS),
      ...Object.values(CLI_COMMANDS).flatMap((d) => ('acts' in d ? [d.acts] : [])),
    ]);
    expect(Object.keys(ACTIONS).filter((a) => !used.has(a as never))).toEqual([]);
    const publicActions = Object.entries(ACTIONS)
      .filter(([, rule]) => rule.who === 'public')
      .map(([a]) => a)
      .sort();
    expect(publicActions).toEqual(['service.docs', 'service.health', 'session.sign_in', 'webhook.procore']);
  });

  it('segregation of duties is in the table: an admin neither decides nor is the only one who executes', () => {
    expect(can('admin', 'approval.decide')).toBe(false);
    expect(can('approver', 'approval.decide')).toBe(true);
    expect(can('system', 'approval.decide')).toBe(false);
    expect(can('approver', 'user.manage')).toBe(false);
    expect(can('viewer', 'metrics.read')).toBe(false);
  });
});
