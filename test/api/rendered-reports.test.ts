/**
 * Rendered company reports are kept only while nothing in the store changes, and only for the same inputs
 * (company, kind, format, as-of date, preparer). A real SQLite store; the render is a stand-in that counts.
 */
import { describe, expect, it } from 'vitest';
import { RenderedReports } from '../../src/api/rendered-reports.ts';
import { openStore } from '../../src/store/db.ts';
import { addUser } from '../../src/store/users.ts';
import { tempDir } from '../support/tmp.ts';

const dirs = [tempDir(), tempDir(), tempDir()];

function counting() {
  let calls = 0;
  return {
    render: async () => ({ body: `render ${++calls}`, contentType: 'application/json' }),
    calls: () => calls,
  };
}

describe('rendered company reports', () => {
  it('the same request with the store unchanged is rendered once', async () => {
    const store = openStore(dirs[0]!);
    try {
      const reports = new RenderedReports(store);
      const r = counting();
      const inputs = ['acme', 'wip', 'json', '2026-10-31', 'controller@acme.test'];
      const first = await reports.get(inputs, r.render);
      const again = await reports.get(inputs, r.render);
      expect(again.body).toBe(first.body);
      expect(r.calls()).toBe(1);
    } finally {
      store.close();
    }
  });

  it('any write to the store, by this connection or another, renders afresh', async () => {
    const dir = dirs[1]!;
    const store = openStore(dir);
    try {
      const reports = new RenderedReports(store);
      const r = counting();
      const inputs = ['acme', 'wip', 'json', '2026-10-31', 'controller@acme.test'];
      await reports.get(inputs, r.render);
      addUser(store, { email: 'a@acme.test', role: 'viewer', by: 'test' });
      expect((await reports.get(inputs, r.render)).body).toBe('render 2');
      const other = openStore(dir);
      addUser(other, { email: 'b@acme.test', role: 'viewer', by: 'test' });
      other.close();
      expect((await reports.get(inputs, r.render)).body).toBe('render 3');
    } finally {
      store.close();
    }
  });

  it('another preparer, format or date is another report; a failed render is not kept', async () => {
    const store = openStore(dirs[2]!);
    try {
      const reports = new RenderedReports(store);
      const r = counting();
      await reports.get(['acme', 'surety', 'pdf', '2026-10-31', 'a@acme.test'], r.render);
      await reports.get(['acme', 'surety', 'pdf', '2026-10-31', 'b@acme.test'], r.render);
      await reports.get(['acme', 'wip', 'pdf', '2026-10-31', 'a@acme.test'], r.render);
      await reports.get(['acme', 'wip', 'pdf', '2026-09-30', 'a@acme.test'], r.render);
      expect(r.calls()).toBe(4);
      const failing = () => Promise.reject(new Error('snapshot file missing'));
      await expect(reports.get(['acme', 'fade', 'json', '2026-10-31', 'a'], failing)).rejects.toThrow();
      expect((await reports.get(['acme', 'fade', 'json', '2026-10-31', 'a'], r.render)).body).toBe(
        'render 5',
      );
    } finally {
      store.close();
    }
  });
});
