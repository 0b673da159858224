/**
 * The body limit holds however a body is sent: with a length, or streamed in chunks with no length (the app
 * only skips looking for a body when a request declares none).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Served, startTieout } from './support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

describe('request body limit', () => {
  it('a body streamed in chunks past the limit is a 413', async () => {
    const chunk = new TextEncoder().encode(`{"email":"${'a'.repeat(64 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
        }
      },
    });
    const res = await t.api('/api/users', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('a GET without a body is served as before', async () => {
    const res = await t.api('/api/companies/acme', { as: 'viewer' });
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe('acme');
  });
});
