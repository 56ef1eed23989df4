import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type {
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
  onSendAsyncHookHandler,
} from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { todayIso } from './time.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The ETag of a public page that may be stored, set when the visitor is not signed in. */
    publicEtag?: string;
    servedFromCache?: boolean;
  }
}

interface Entry {
  etag: string;
  body: string | Buffer;
  /**
   * Compressed once, off the main thread, after the page is stored: every later visitor
   * is sent a fraction of the bytes for no work, and the visitor whose request built the
   * page does not wait for it. Null if it could not be compressed: the page is sent as it is.
   */
  gzipped: Promise<Buffer | null>;
  type: string;
  disposition?: string;
  /** Open data sets this so any web page may read it; a kept copy must say the same. */
  allowOrigin?: string;
}

/**
 * Public pages (the dashboard, its downloads, the open-data API) served from a cache that
 * is never stale: every write in Placeshaper records an audit entry in its own
 * transaction, so the newest audit entry's id is a generation number that moves on every
 * change. A page is stored with the generation (and the day, as statuses depend on
 * today's date); a request after any write builds it afresh. Browsers revalidate with
 * If-None-Match and get 304 while nothing has changed. Reading the generation is one
 * indexed query, so it holds across several servers sharing one PostgreSQL database.
 */
export function createPublicCache(db: Kysely<Database>, maxEntries = 200) {
  const entries = new Map<string, Entry>();
  const urlHashes = new Map<string, string>();

  async function generation(): Promise<number> {
    const row = await sql<{
      generation: number | null;
    }>`select max(id) as generation from audit_entries`.execute(db);
    return Number(row.rows[0]?.generation ?? 0);
  }

  async function etagFor(url: string): Promise<string> {
    let hash = urlHashes.get(url);
    if (!hash) {
      hash = crypto.createHash('sha1').update(url).digest('base64url').slice(0, 12);
      if (urlHashes.size > maxEntries * 4) urlHashes.clear();
      urlHashes.set(url, hash);
    }
    return `W/"${await generation()}-${todayIso()}-${hash}"`;
  }

  const publicHeaders = (reply: FastifyReply, etag: string) =>
    reply
      .header('etag', etag)
      .header('cache-control', 'public, no-cache')
      .header('vary', 'Accept-Encoding, Cookie');

  /** Route hook: answers a public visitor from the cache (or 304) before any page work is done. */
  const onRequest: onRequestAsyncHookHandler = async (request, reply) => {
    if (!isPublicVisitor(request)) return;
    const etag = await etagFor(request.url);
    request.publicEtag = etag;
    if (request.headers['if-none-match'] === etag) return publicHeaders(reply, etag).code(304).send();
    const hit = entries.get(request.url);
    if (hit && hit.etag === etag) {
      request.servedFromCache = true;
      if (hit.disposition) reply.header('content-disposition', hit.disposition);
      if (hit.allowOrigin) reply.header('access-control-allow-origin', hit.allowOrigin);
      publicHeaders(reply, etag).type(hit.type);
      const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
        ? await hit.gzipped
        : null;
      if (gzipped) return reply.header('content-encoding', 'gzip').send(gzipped);
      return reply.send(hit.body);
    }
  };

  /** Route hook: keeps a freshly built public page for the next visitor. */
  const onSend: onSendAsyncHookHandler = async (request, reply, payload) => {
    const etag = request.publicEtag;
    if (!etag || request.servedFromCache || reply.statusCode !== 200 || request.actor) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(request.url, {
      etag,
      body: payload,
      gzipped: new Promise((resolve) =>
        zlib.gzip(payload, (error, gzipped) => resolve(error ? null : gzipped)),
      ),
      type: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'),
      disposition: reply.getHeader('content-disposition') as string | undefined,
      allowOrigin: reply.getHeader('access-control-allow-origin') as string | undefined,
    });
    publicHeaders(reply, etag);
    return payload;
  };

  return {
    /** Spread into a public route's options to serve it from the cache: `{ config, ...publicCache.routeHooks }`. */
    routeHooks: { onRequest, onSend },
    generation,
    clear: () => entries.clear(),
  };
}

/** No one signed in and nothing waiting to be said to them (a flash message): the page is the same for everyone. */
function isPublicVisitor(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  const session = request.session;
  return !session?.get('userId') && !session?.get('flash');
}

export type PublicCache = ReturnType<typeof createPublicCache>;
