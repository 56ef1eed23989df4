import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ValidationError } from '../../platform/errors.ts';
import { readSettings } from '../../platform/settings.ts';

/**
 * What keeps floods of automated submissions out of the public forms, without a puzzle for
 * people to solve:
 *
 * - every form carries a signed token with the time it was shown and a one-time number. A
 *   form sent back sooner than a person could fill it in is refused (in words, with what was
 *   typed kept); the one-time number makes the same form sent twice (a double click, the
 *   back button) one submission, never two;
 * - a field nobody can see or reach ("honeypot"), which automated programs fill in;
 * - and a rate limit per address on each form (see the routes).
 *
 * The signing key is made once and kept in the settings table, so every server sharing the
 * database accepts the others' forms, and forms survive a restart.
 */

/** A form sent back sooner than this after it was shown was not filled in by a person. */
export const minimumFillSeconds = 3;
/** The name of the field nobody should fill in. */
export const honeypotField = 'website';
const keySetting = 'engagement_form_key';

export interface FormToken {
  issuedAt: number;
  /** The one-time number: stored with what is saved, so a second sending is recognised. */
  nonce: string;
}

export function createFormGuard(db: Kysely<Database>) {
  let key: Promise<Buffer> | undefined;

  /** The signing key: made the first time it is needed, and kept. */
  function signingKey(): Promise<Buffer> {
    key ??= (async () => {
      let stored = (await readSettings(db)).get(keySetting);
      if (!stored) {
        await db
          .insertInto('settings')
          .values({ key: keySetting, value: crypto.randomBytes(32).toString('hex') })
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
        // Another server may have made it first: use whichever was kept.
        stored = (await readSettings(db)).get(keySetting)!;
      }
      return Buffer.from(stored, 'hex');
    })().catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  }

  async function issue(now = Date.now()): Promise<string> {
    return signToken(await signingKey(), now, crypto.randomBytes(12).toString('base64url'));
  }

  /**
   * Checks a sent form: its token (always), and for someone not signed in the hidden field
   * and how soon it came back. Refuses in words, with nothing saved; the page shows the form
   * again with what was typed and a fresh token.
   */
  async function check(input: unknown, options: { anonymous: boolean; now?: number }): Promise<FormToken> {
    const body = (input ?? {}) as Record<string, unknown>;
    const token = readToken(await signingKey(), body.formToken);
    if (!token)
      throw new ValidationError({
        form: 'This form could not be checked, so nothing has been saved. What you typed is below: send it again.',
      });
    if (options.anonymous) {
      const trap = body[honeypotField];
      if (typeof trap === 'string' ? trap.trim() !== '' : trap !== undefined)
        throw new ValidationError({
          form: 'This could not be accepted because a field that people cannot see was filled in, as automated programs do. Nothing has been saved. If you are a person, check what you typed below and send it again.',
        });
      if ((options.now ?? Date.now()) - token.issuedAt < minimumFillSeconds * 1000)
        throw new ValidationError({
          form: 'That was sent very soon after the page opened, as automated programs do, so nothing has been saved. Check what you typed below and send it again.',
        });
    }
    return token;
  }

  /** A keyed hash of a visitor's address: it can tell a repeat from the same address, and cannot be turned back into the address. */
  async function addressHash(address: string): Promise<string> {
    return crypto
      .createHmac('sha256', await signingKey())
      .update(`address:${address}`)
      .digest('hex')
      .slice(0, 32);
  }

  return { issue, check, addressHash, signingKey };
}

export type FormGuard = ReturnType<typeof createFormGuard>;

function mac(key: Buffer, payload: string): string {
  return crypto.createHmac('sha256', key).update(`form:${payload}`).digest('base64url').slice(0, 32);
}

/** A token for a form shown at `issuedAt` (milliseconds); exported for tests that need a form shown earlier. */
export function signToken(key: Buffer, issuedAt: number, nonce: string): string {
  const payload = `${issuedAt}.${nonce}`;
  return `${payload}.${mac(key, payload)}`;
}

function readToken(key: Buffer, value: unknown): FormToken | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{8,40})\.([A-Za-z0-9_-]{32})$/.exec(value);
  if (!match) return null;
  const [, issuedAt, nonce, signature] = match;
  const expected = Buffer.from(mac(key, `${issuedAt}.${nonce}`));
  const given = Buffer.from(signature!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return { issuedAt: Number(issuedAt), nonce: nonce! };
}
