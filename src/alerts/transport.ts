/**
 * Where alert emails go: SMTP through nodemailer when `SMTP_URL` is set, otherwise `.eml` files in the data
 * directory's outbox (`<data>/outbox/<company>/`), so a demo shows exactly what would be sent. The sender is
 * the config's `alerts.mailFrom` (src/alerts/settings.ts), passed in by the caller.
 */

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { DEFAULT_MAIL_FROM } from './settings.ts';

export interface OutgoingEmail {
  id: string;
  companyId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface AlertTransport {
  kind: 'smtp' | 'files';
  /** Resolves when the message is accepted (by the SMTP server, or written); `file` relative to the data dir. */
  send(email: OutgoingEmail): Promise<{ file?: string }>;
  close(): void;
}

function message(email: OutgoingEmail, from: string) {
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: `<${email.id}@tieout>`,
    headers: { 'X-Tieout-Company': email.companyId },
  };
}

export function smtpTransport(url: string, from = DEFAULT_MAIL_FROM): AlertTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(email) {
      await transporter.sendMail(message(email, from));
      return {};
    },
    close: () => transporter.close(),
  };
}

export function outboxDir(dataDir: string): string {
  return path.join(dataDir, 'outbox');
}

export function fileTransport(dataDir: string, from = DEFAULT_MAIL_FROM): AlertTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    async send(email) {
      const info = await composer.sendMail(message(email, from));
      const relative = path.join('outbox', email.companyId, `${email.id}.eml`);
      const file = path.join(dataDir, relative);
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
      return { file: relative };
    },
    close: () => composer.close(),
  };
}

/** SMTP when configured, the outbox folder otherwise. */
export function alertTransport(dataDir: string, o: { smtpUrl?: string; from?: string } = {}): AlertTransport {
  return o.smtpUrl ? smtpTransport(o.smtpUrl, o.from) : fileTransport(dataDir, o.from);
}
