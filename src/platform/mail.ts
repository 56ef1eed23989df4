import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** One e-mail to one person: plain text always, so every mail reader shows it the same way. */
export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
}

export interface MailSettings {
  /** smtp:// or smtps:// address of the mail server; without it, mail is written to the outbox folder. */
  smtpUrl?: string;
  /** The From line, like "Kelmsfield Partnership <partnership@kelmsfield.example>". */
  from: string;
  /** Where messages go as .eml files when there is no mail server. */
  outboxDirectory: string;
}

export interface Mailer {
  /** Where mail goes, in words for the secretariat's settings page. */
  readonly destination: string;
  /** Sends one message; throws if the mail server refuses it, so the caller can try again later. */
  send(mail: OutgoingMail): Promise<{ sentTo: 'smtp' } | { sentTo: 'outbox'; file: string }>;
  close(): void;
}

/**
 * The one way Placeshaper sends e-mail. Over SMTP_URL when it is set. Without it each
 * message is written, complete, as an .eml file under the outbox folder, so nothing is
 * lost: a person can open them in any mail program, and they can be sent on later.
 */
export function createMailer(settings: MailSettings): Mailer {
  if (settings.smtpUrl) {
    const transport = nodemailer.createTransport(settings.smtpUrl);
    return {
      destination: `the mail server at ${new URL(settings.smtpUrl).host}`,
      async send(mail) {
        await transport.sendMail(message(settings.from, mail));
        return { sentTo: 'smtp' };
      },
      close: () => transport.close(),
    };
  }
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    destination: `files in ${shownFolder(settings.outboxDirectory)} (SMTP_URL is not set)`,
    async send(mail) {
      const { message: raw } = await writer.sendMail(message(settings.from, mail));
      fs.mkdirSync(settings.outboxDirectory, { recursive: true });
      // Time first so a folder listing reads in the order the messages were written.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.eml`;
      const file = path.join(settings.outboxDirectory, name);
      fs.writeFileSync(file, raw as Buffer);
      return { sentTo: 'outbox', file };
    },
    close: () => writer.close(),
  };
}

/** The outbox as the person running the site would look for it: relative to where they started it, if inside. */
function shownFolder(folder: string): string {
  const relative = path.relative(process.cwd(), path.resolve(folder));
  return relative && !relative.startsWith('..') ? relative : path.resolve(folder);
}

function message(from: string, mail: OutgoingMail) {
  return { from, to: mail.to, subject: mail.subject, text: mail.text };
}
