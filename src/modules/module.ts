import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Action } from '../domain/permissions.ts';

export interface NavigationItem {
  text: string;
  href: string;
  /** Shown only to signed-in people who may do this. */
  requires?: Action;
}

/**
 * A capability of Placeshaper: a vertical slice that registers itself here and
 * nowhere else (its routes, views, navigation, demo data).
 */
export interface PlaceshaperModule {
  name: string;
  viewsDirectory?: string;
  navigation?: NavigationItem[];
  routes(app: FastifyInstance): Promise<void> | void;
  /** Loads this module's part of the demo place; runs in module order, once. */
  loadDemo?(db: Kysely<Database>): Promise<void>;
  /** Sign-ins this module's demo adds (same password as the others), for the start-up message. */
  demoSignIns?: { email: string; roles: string }[];
  /** Runs at every start, after the migrations (e.g. to mark work cut off by a restart). */
  onStart?(db: Kysely<Database>): Promise<void>;
}

/** Every route declares who may reach it: 'public', or the action it performs. */
export type RouteAccess = 'public' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** false for machine endpoints: no session, no page context. Only for public routes. */
    page?: false;
    /** Files sent to this route are streamed to disk (see src/platform/uploads.ts), not held in memory. */
    uploadToDisk?: boolean;
  }
}
