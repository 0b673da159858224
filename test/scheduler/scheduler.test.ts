/**
 * The scheduler: next run times in the company's time zone, a snapshot missed while the server was down
 * taken at start-up (and only then), and no overlapping runs of the same company.
 */
import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompanyConfig } from '../../src/config/schema.ts';
import type { Runtime } from '../../src/runtime.ts';
import { lastScheduledBefore, missedRun } from '../../src/scheduler/catch-up.ts';
import { housekeep, type Scheduler, startScheduler } from '../../src/scheduler/scheduler.ts';
import { startRun } from '../../src/store/runs.ts';
import { createSession } from '../../src/store/sessions.ts';
import { addUser } from '../../src/store/users.ts';
import { testStore } from '../approvals/support.ts';

const nightly = () => cron.createTask('0 2 * * *', () => {}, { timezone: 'America/Chicago' });

describe('catching up a missed nightly run', () => {
  it('finds the last 02:00 Chicago time before now (08:00 UTC in November)', () => {
    expect(lastScheduledBefore(nightly(), new Date('2026-11-26T12:34:56Z'))?.toISOString()).toBe(
      '2026-11-26T08:00:00.000Z',
    );
    expect(lastScheduledBefore(nightly(), new Date('2026-11-26T07:59:00Z'))?.toISOString()).toBe(
      '2026-11-25T08:00:00.000Z',
    );
  });

  it('a run started after the scheduled time means nothing was missed', () => {
    expect(missedRun(nightly(), '2026-11-26T08:00:04.000Z', new Date('2026-11-26T12:00:00Z'))).toBeNull();
  });

  it('a server down at 02:00 owes that night’s run; a company that never ran owes one too', () => {
    expect(
      missedRun(nightly(), '2026-11-25T08:00:03.000Z', new Date('2026-11-26T12:00:00Z'))?.toISOString(),
    ).toBe('2026-11-26T08:00:00.000Z');
    expect(missedRun(nightly(), null, new Date('2026-11-26T12:00:00Z'))).not.toBeNull();
  });
});

function fakeRuntime(companies: Partial<CompanyConfig>[]) {
  const store = testStore();
  const log = { info() {}, warn() {}, error() {}, debug() {} };
  return {
    runtime: { store, log, config: { companies, dataDir: ':memory:' } } as unknown as Runtime,
    store,
  };
}

let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

describe('the scheduler in the server', () => {
  const acme = { id: 'acme', name: 'Acme', timezone: 'America/Chicago', schedule: '0 2 * * *' };

  it('reports each company’s next run in its own time zone', () => {
    const { runtime } = fakeRuntime([
      acme,
      { ...acme, id: 'berlin', timezone: 'Europe/Berlin', schedule: '30 1 * * *' },
    ]);
    scheduler = startScheduler({ runtime, jobs: { snapshot: async () => {} } });
    expect(scheduler.nextRun('acme')?.toISOString()).toMatch(/T08:00:00\.000Z$/);
    expect(scheduler.nextRun('berlin')?.toISOString()).toMatch(/T00:30:00\.000Z$/);
    expect(scheduler.nextRun('nobody')).toBeNull();
  });

  it('takes the snapshot missed while the server was down at start-up, and not twice', async () => {
    const { runtime, store } = fakeRuntime([acme]);
    startRun(store.db, {
      id: 'r1',
      companyId: 'acme',
      trigger: 'schedule',
      startedAt: '2026-11-25T08:00:02.000Z',
    });
    const triggers: string[] = [];
    scheduler = startScheduler({
      runtime,
      now: () => new Date('2026-11-26T12:00:00Z'),
      jobs: {
        snapshot: async (_r, company, trigger) => {
          triggers.push(`${company.id}:${trigger}`);
          startRun(store.db, { id: 'r2', companyId: 'acme', trigger, startedAt: '2026-11-26T12:00:00.000Z' });
        },
      },
    });
    expect(await scheduler.catchUp()).toEqual(['acme']);
    expect(await scheduler.catchUp()).toEqual([]);
    expect(triggers).toEqual(['acme:catch-up']);
  });

  it('a run still going when the next tick comes is not started again', async () => {
    const { runtime } = fakeRuntime([{ ...acme, schedule: '* * * * * *' }]);
    let running = 0;
    let maxConcurrent = 0;
    let started = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    scheduler = startScheduler({
      runtime,
      jobs: {
        snapshot: async () => {
          started++;
          running++;
          maxConcurrent = Math.max(maxConcurrent, running);
          await gate;
          running--;
        },
      },
    });
    // Wait (by events, not a timed assertion) until the first run started, then let two more ticks pass.
    while (started === 0) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2_200));
    expect(started).toBe(1);
    release();
    expect(maxConcurrent).toBe(1);
  });

  it('each beat of the outbox job writes approved proposals first, then delivers the emails, then keeps house', async () => {
    const { runtime } = fakeRuntime([acme]);
    const order: string[] = [];
    scheduler = startScheduler({
      runtime,
      outboxSchedule: '* * * * * *',
      jobs: {
        execute: async () => {
          order.push('execute');
        },
        deliver: async () => {
          order.push('deliver');
        },
        housekeep: async () => {
          order.push('housekeep');
        },
      },
    });
    while (order.length < 3) await new Promise((r) => setTimeout(r, 50));
    expect(order.slice(0, 3)).toEqual(['execute', 'deliver', 'housekeep']);
  });

  it('housekeeping deletes the expired sessions and keeps the live ones', async () => {
    const { runtime, store } = fakeRuntime([acme]);
    const { user } = addUser(store, { email: 'ann@acme.test', role: 'viewer', by: 'test' });
    const now = new Date('2026-11-26T12:00:00Z');
    // 12-hour sessions: one started 13 h before now (expired at 11:00 today), one 1 h before (until 23:00)
    const expired = createSession(store.db, user.id, new Date('2026-11-25T23:00:00Z'));
    const live = createSession(store.db, user.id, new Date('2026-11-26T11:00:00Z'));
    expect(await housekeep(runtime, now)).toEqual({ sessions: 1 });
    const left = store.sqlite.prepare('SELECT csrf_token FROM sessions').all() as { csrf_token: string }[];
    expect(left.map((r) => r.csrf_token)).toEqual([live.csrfToken]);
    expect(left.map((r) => r.csrf_token)).not.toContain(expired.csrfToken);
  });

  it('a failing executor does not stop the emails of the same beat', async () => {
    const { runtime } = fakeRuntime([acme]);
    const delivered: number[] = [];
    scheduler = startScheduler({
      runtime,
      outboxSchedule: '* * * * * *',
      jobs: {
        execute: async () => {
          throw new Error('Procore is down');
        },
        deliver: async () => {
          delivered.push(1);
        },
      },
    });
    while (delivered.length === 0) await new Promise((r) => setTimeout(r, 50));
    expect(delivered.length).toBeGreaterThan(0);
  });
});
