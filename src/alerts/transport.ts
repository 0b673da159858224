/**
 * Where alert emails go: SMTP through nodemailer when `SMTP_URL` is set, otherwise `.eml` files in the data
 * directory's outbox (`<data>/outbox/<company>/`), so a demo shows exactly what would be sent.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

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

export function mailFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.TIEOUT_MAIL_FROM ?? 'tieout <tieout@localhost>';
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

export function smtpTransport(url: string, env: NodeJS.ProcessEnv = process.env): AlertTransport {
  const transporter = nodemailer.createTransport(url);
  const from = mailFrom(env);
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

export function fileTransport(dataDir: string, env: NodeJS.ProcessEnv = process.env): AlertTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const from = mailFrom(env);
  return {
    kind: 'files',
    async send(email) {
      const info = await composer.sendMail(message(email, from));
      const relative = path.join('outbox', email.companyId, `${email.id}.eml`);
      const file = path.join(dataDir, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, info.message as Buffer);
      renameSync(`${file}.tmp`, file);
      return { file: relative };
    },
    close: () => composer.close(),
  };
}

/** SMTP when configured, the outbox folder otherwise. */
export function alertTransport(dataDir: string, env: NodeJS.ProcessEnv = process.env): AlertTransport {
  return env.SMTP_URL ? smtpTransport(env.SMTP_URL, env) : fileTransport(dataDir, env);
}
