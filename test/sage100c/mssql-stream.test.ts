/**
 * The production client's streaming: rows in batches, the driver paused while batches wait, errors passed
 * on. The mssql request is imitated with an event emitter (no SQL Server runs on this machine); what this
 * cannot prove is tedious's own event order under a real network.
 */
import { EventEmitter } from 'node:events';
import type sql from 'mssql';
import { describe, expect, it } from 'vitest';
import { streamQuery } from '../../connectors/sage100c/mssql-client.ts';

class FakeRequest extends EventEmitter {
  stream = false;
  inputs: Record<string, unknown> = {};
  paused = 0;
  resumed = 0;
  constructor(private readonly script: (r: FakeRequest) => void) {
    super();
  }
  input(name: string, value: unknown) {
    this.inputs[name] = value;
    return this;
  }
  pause() {
    this.paused++;
  }
  resume() {
    this.resumed++;
  }
  cancel() {}
  query(_text: string) {
    setImmediate(() => this.script(this));
  }
}

function poolWith(request: FakeRequest) {
  return { request: () => request as unknown as sql.Request } as Pick<sql.ConnectionPool, 'request'>;
}

describe('streaming rows from SQL Server', () => {
  it('delivers every row in batches of 2048, pausing the driver while batches pile up', async () => {
    const request = new FakeRequest((r) => {
      for (let i = 0; i < 10_000; i++) r.emit('row', { recnum: String(i) });
      r.emit('done');
    });
    const sizes: number[] = [];
    for await (const batch of streamQuery(poolWith(request), 'SELECT 1', { since: '2026-01-01' })) {
      sizes.push(batch.length);
    }
    expect(sizes).toEqual([2048, 2048, 2048, 2048, 1808]);
    expect(request.stream).toBe(true);
    expect(request.inputs).toEqual({ since: '2026-01-01' });
    expect(request.paused).toBeGreaterThan(0);
    expect(request.resumed).toBeGreaterThan(0);
  });

  it('passes on an error the server raises half-way', async () => {
    const request = new FakeRequest((r) => {
      r.emit('row', { recnum: '1' });
      r.emit('error', Object.assign(new Error("Invalid column name 'invnet'."), { number: 207 }));
    });
    const read = async () => {
      for await (const _ of streamQuery(poolWith(request), 'SELECT 1', {})) {
      }
    };
    await expect(read()).rejects.toThrow(/Invalid column name/);
  });
});
