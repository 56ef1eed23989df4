import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createMailer } from './mail.ts';

const mail = {
  to: { name: 'Lesley Rutherford', address: 'lesley.rutherford@kelmsfield-chamber.example' },
  subject: 'Agenda and papers: Board meeting, 3 December 2026, 10:00am',
  text: 'Dear Lesley Rutherford,\n\nThe agenda and papers are published: café budget, £1,250.50.\n\n'.repeat(
    3,
  ),
};

describe('sending e-mail', () => {
  it('writes a complete .eml file to the outbox when there is no mail server, which a mail reader opens', async () => {
    const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
    const mailer = createMailer({
      from: 'Kelmsfield Partnership <partnership@kelmsfield.example>',
      outboxDirectory: outbox,
    });
    assert.match(mailer.destination, /SMTP_URL is not set/);
    const result = await mailer.send(mail);
    assert.equal(result.sentTo, 'outbox');
    const files = fs.readdirSync(outbox);
    assert.deepEqual(files.length, 1);
    assert.match(files[0]!, /^\d{4}-\d{2}-\d{2}T.*\.eml$/);
    const parsed = await simpleParser(fs.readFileSync(path.join(outbox, files[0]!)));
    assert.equal(parsed.subject, mail.subject);
    assert.equal(parsed.from?.text, '"Kelmsfield Partnership" <partnership@kelmsfield.example>');
    assert.deepEqual(
      [parsed.to].flat().flatMap((a) => a?.value.map((v) => v.address)),
      ['lesley.rutherford@kelmsfield-chamber.example'],
    );
    assert.equal(parsed.text?.trim(), mail.text.trim(), 'the words, accents and pound signs arrive intact');
    mailer.close();
  });

  describe('over SMTP', () => {
    const received: { to: string[]; raw: Buffer }[] = [];
    let refuse = false;
    let server: SMTPServer;
    let port: number;

    before(async () => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (refuse) callback(new Error('Mailbox unavailable'));
          else callback();
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.server.address() as AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('hands the message to the mail server named by SMTP_URL', async () => {
      const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
      const mailer = createMailer({
        smtpUrl: `smtp://127.0.0.1:${port}`,
        from: 'partnership@kelmsfield.example',
        outboxDirectory: outbox,
      });
      assert.equal(mailer.destination, `the mail server at 127.0.0.1:${port}`);
      assert.deepEqual(await mailer.send(mail), { sentTo: 'smtp' });
      assert.equal(received.length, 1);
      assert.deepEqual(received[0]!.to, ['lesley.rutherford@kelmsfield-chamber.example']);
      const parsed = await simpleParser(received[0]!.raw);
      assert.equal(parsed.subject, mail.subject);
      assert.deepEqual(fs.readdirSync(outbox), [], 'nothing is written to the outbox when a server takes it');
      mailer.close();
    });

    it('reports a refusal, so the message can be tried again, rather than losing it quietly', async () => {
      const mailer = createMailer({
        smtpUrl: `smtp://127.0.0.1:${port}`,
        from: 'partnership@kelmsfield.example',
        outboxDirectory: os.tmpdir(),
      });
      refuse = true;
      try {
        await assert.rejects(mailer.send(mail), /Mailbox unavailable/);
      } finally {
        refuse = false;
        mailer.close();
      }
    });
  });
});
