import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SessionStore } from '@fastify/session';

const DAY = 24 * 60 * 60 * 1000;

/** Sessions are kept in the database, so they survive restarts and work across servers. */
export function databaseSessionStore(db: Kysely<Database>): SessionStore {
  return {
    set(sessionId, session, callback) {
      const expires = session.cookie?.expires ? new Date(session.cookie.expires) : new Date(Date.now() + DAY);
      const data = JSON.stringify(session);
      const expiresAt = expires.toISOString();
      db.insertInto('sessions')
        .values({ id: sessionId, data, expires_at: expiresAt })
        .onConflict((oc) => oc.column('id').doUpdateSet({ data, expires_at: expiresAt }))
        .execute()
        .then(() => callback(), callback);
    },
    get(sessionId, callback) {
      db.selectFrom('sessions')
        .select(['data', 'expires_at'])
        .where('id', '=', sessionId)
        .executeTakeFirst()
        .then((row) => {
          if (!row || row.expires_at < new Date().toISOString()) return callback(null, null);
          callback(null, JSON.parse(row.data));
        }, callback);
    },
    destroy(sessionId, callback) {
      db.deleteFrom('sessions')
        .where('id', '=', sessionId)
        .execute()
        .then(() => callback(), callback);
    },
  };
}

export async function deleteExpiredSessions(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', new Date().toISOString()).execute();
}
