/** Secrets never reach the log stream, at any depth of a logged object. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('log redaction', () => {
  it('censors tokens, cookies, the CSRF header, passwords and SMTP_URL however deep they are', async () => {
    const { lines, stream } = capture();
    const log = createLogger({ level: 'info', destination: stream });
    log.info(
      {
        req: {
          headers: { cookie: 'tieout_session=abc', 'x-csrf-token': 'csrf-secret', authorization: 'Bearer t' },
        },
        connector: { oauth: { response: { refresh_token: 'r-secret', access_token: 'a-secret' } } },
        env: { SMTP_URL: 'smtp://user:mail-secret@mail.example' },
        form: { user: { password: 'pw-secret' } },
        deep: { a: { b: { c: { d: { e: { refreshToken: 'deep-secret' } } } } } },
        list: [{ accessToken: 'in-a-list' }],
        job: '26-101',
      },
      'event',
    );
    await new Promise((r) => setImmediate(r));
    const text = lines.join('');
    for (const secret of [
      'abc',
      'csrf-secret',
      'Bearer t',
      'r-secret',
      'a-secret',
      'mail-secret',
      'pw-secret',
      'deep-secret',
      'in-a-list',
    ]) {
      expect(text).not.toContain(secret);
    }
    const line = JSON.parse(lines[0]!);
    expect(line.req.headers['x-csrf-token']).toBe('[redacted]');
    expect(line.deep.a.b.c.d.e.refreshToken).toBe('[redacted]');
    expect(line.env.SMTP_URL).toBe('[redacted]');
    expect(line.job).toBe('26-101'); // what is not secret stays
  });
});
