import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyError, type FastifyReply } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import nunjucks from 'nunjucks';
import qs from 'node:querystring';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { databaseSessionStore } from './platform/session-store.ts';
import {
  configureNunjucks,
  govukFrontendPath,
  govukInlineScriptHash,
  templatePaths,
} from './platform/views.ts';
import { ForbiddenError, NotFoundError, SignInRequiredError } from './platform/errors.ts';
import { can, type Actor } from './domain/permissions.ts';
import { modules } from './modules/index.ts';
import type { RouteAccess } from './modules/module.ts';
import { createServices, type Services } from './services.ts';
import { stylesheetPath } from './platform/assets.ts';
import { isSlug } from './platform/slugs.ts';
import { createPublicCache, type PublicCache } from './platform/public-cache.ts';
import { saveUpload } from './platform/uploads.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    config: Config;
    /** Public pages kept until the next write (see src/platform/public-cache.ts). */
    publicCache: PublicCache;
    databaseKind: 'sqlite' | 'postgres';
    /** Every route with the access it declared, for the route × role test. */
    declaredRoutes: { method: string; url: string; access: RouteAccess }[];
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

declare module 'fastify' {
  interface Session {
    userId?: number;
    flash?: string;
  }
  interface FastifyReply {
    /** Merged by @fastify/view into every template's context. */
    locals?: Record<string, unknown>;
  }
}

export interface AppOptions {
  config: Config;
  database: DatabaseHandle;
  sessionSecret: string;
  logger?: boolean | object;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024 * 2,
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.decorate('config', config);
  app.decorate('databaseKind', database.kind);
  app.decorate('services', createServices(database.db, config));
  app.decorate('publicCache', createPublicCache(database.db));
  app.decorate('declaredRoutes', []);
  // Reminders a page asked for finish before the mailer closes, so none is cut off half-sent.
  app.addHook('onClose', async () => {
    await app.services.reminders.settled();
    app.services.mailer.close();
  });
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (route.url.endsWith('*')) return; // static files: public by nature
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare its access`);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.declaredRoutes.push({ method, url: route.url, access });
    }
  });

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", govukInlineScriptHash()],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    strictTransportSecurity: config.production,
  });
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 50 },
    // Keep the name as sent, folders and all, so a name with a path is refused in words rather than quietly cut.
    preservePath: true,
    // A file past the limit is cut short rather than failing the whole form: a file streamed to
    // disk comes back marked tooLarge, so its form can say so beside the field and keep the rest.
    throwFileSizeLimit: false,
    // Routes that take big files (config.uploadToDisk) stream them to disk; the rest read them into memory.
    async onFile(part) {
      if (this.routeOptions.config?.uploadToDisk) {
        (part as unknown as { value: unknown }).value = await saveUpload(part.file, part.filename);
        return;
      }
      await part.toBuffer();
      if (part.file.truncated)
        throw Object.assign(new Error('request file too large'), {
          code: 'FST_REQ_FILE_TOO_LARGE',
          statusCode: 413,
        });
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: options.sessionSecret,
    cookieName: 'placeshaper_session',
    store: databaseSessionStore(database.db),
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.production ? 'auto' : false,
      maxAge: 8 * 60 * 60 * 1000,
      path: '/',
    },
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      return (
        (typeof body?._csrf === 'string' ? body._csrf : undefined) ??
        (request.headers['x-csrf-token'] as string)
      );
    },
  });
  await app.register(fastifyRateLimit, { global: false });

  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: templatePaths(modules.flatMap((m) => (m.viewsDirectory ? [m.viewsDirectory] : []))),
    options: { onConfigure: configureNunjucks, autoescape: true, throwOnUndefined: false },
  });

  await app.register(fastifyStatic, {
    root: path.join(govukFrontendPath, 'dist/govuk/assets'),
    prefix: '/assets/',
    maxAge: '7d',
  });
  await app.register(fastifyStatic, {
    root: path.dirname(stylesheetPath),
    prefix: '/public/stylesheets/',
    decorateReply: false,
    maxAge: '1h',
  });
  await app.register(fastifyStatic, {
    root: path.resolve(import.meta.dirname, '../public/javascripts'),
    prefix: '/public/javascripts/',
    decorateReply: false,
    maxAge: '1h',
  });
  // GOV.UK Frontend's script is served from the package itself so it always matches the styles.
  const govukScript = fs.readFileSync(path.join(govukFrontendPath, 'dist/govuk/govuk-frontend.min.js'));
  app.get('/public/javascripts/govuk-frontend.min.js', { config: { access: 'public' } }, (_request, reply) =>
    reply.type('text/javascript').header('cache-control', 'public, max-age=604800').send(govukScript),
  );

  // Who is asking, and the things every page needs.
  app.addHook('preHandler', async (request, reply) => {
    // Machine endpoints (health, open data) need no visitor and no page furniture.
    if (request.routeOptions.config?.page === false && request.routeOptions.config.access === 'public')
      return;
    const userId = request.session?.get('userId');
    request.actor = userId ? await app.services.accounts.actorFor(userId) : null;
    if (userId && !request.actor) request.session.set('userId', undefined);
    const access = request.routeOptions.config?.access;
    if (access && access !== 'public') {
      if (!request.actor) throw new SignInRequiredError();
      if (!can(request.actor, access)) throw new ForbiddenError();
    }
    const flash = request.session?.get('flash');
    if (flash) request.session.set('flash', undefined);
    const settings = await app.services.place.siteSettings();
    reply.locals = {
      ...reply.locals,
      placeName: settings.placeName ?? 'Placeshaper',
      demo: settings.demo,
      actor: request.actor,
      can: (action: Parameters<typeof can>[1]) => can(request.actor, action),
      cspNonce: reply.cspNonce?.script,
      csrfToken: () => reply.generateCsrf(),
      currentPath: request.url.split('?')[0],
      flash,
      navigation: modules
        .flatMap((m) => m.navigation ?? [])
        .filter((item) => !item.requires || can(request.actor, item.requires)),
    };
  });

  // Pages seen while signed in (with emails, forms, tokens) never sit in a shared cache.
  app.addHook('onSend', async (request, reply) => {
    if (request.actor && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'private, no-store');
  });

  // A slug in the address that could never be one is a 404 before any query runs.
  app.addHook('preValidation', async (request) => {
    const slug = (request.params as { slug?: string } | undefined)?.slug;
    if (slug !== undefined && !isSlug(slug)) throw new NotFoundError();
  });

  // Every unsafe request carries the CSRF token of its session.
  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });

  async function renderError(reply: FastifyReply, status: number, message?: string) {
    const title = errorTitles[status] ?? 'There is a problem';
    try {
      if (!reply.locals?.placeName) {
        const settings = await app.services.place.siteSettings();
        reply.locals = {
          ...reply.locals,
          placeName: settings.placeName ?? 'Placeshaper',
          demo: settings.demo,
        };
      }
      return await reply.code(status).view('error.njk', { status, title, message });
    } catch {
      return reply.code(status).type('text/plain').send(title);
    }
  }

  app.setNotFoundHandler(async (_request, reply) => renderError(reply, 404));

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof SignInRequiredError) {
      return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
    }
    if (error instanceof NotFoundError) return renderError(reply, 404);
    if (error instanceof ForbiddenError) return renderError(reply, 403, error.message);
    if (error.code?.startsWith('FST_CSRF')) {
      return renderError(
        reply,
        403,
        'This form has expired or was sent from another site. Go back, reload the page and try again. What you typed has not been saved.',
      );
    }
    if (isUniqueViolation(error)) {
      return renderError(
        reply,
        409,
        'Someone else saved the same thing at the same moment, so nothing of yours was saved. Go back, reload the page and try again.',
      );
    }
    if (isForeignKeyViolation(error)) {
      return renderError(
        reply,
        400,
        'Something you chose no longer exists, so nothing was saved. Go back, reload the page and choose again.',
      );
    }
    if (error.statusCode === 429) {
      return renderError(reply, 429, 'You have tried too many times. Wait 10 minutes, then try again.');
    }
    if (
      error.statusCode === 413 ||
      error.code === 'FST_REQ_FILE_TOO_LARGE' ||
      error.code === 'FST_FILES_LIMIT'
    ) {
      const limit = request.routeOptions.config?.multipartOptions?.limits?.fileSize ?? 5 * 1024 * 1024;
      return renderError(
        reply,
        413,
        `The file or form is too big. Files must be smaller than ${Math.round(limit / 1024 / 1024)} MB.`,
      );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return renderError(
        reply,
        error.statusCode,
        'The request could not be understood. Go back and try again.',
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return renderError(reply, 500);
  });

  // Registered after the error handlers so every module's routes inherit them.
  for (const module of modules) await app.register(async (scope) => module.routes(scope));

  return app;
}

// Last lines of defence: services check first, but two people can still race.
function isUniqueViolation(error: { code?: string }): boolean {
  return error.code === '23505' || error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function isForeignKeyViolation(error: { code?: string }): boolean {
  return error.code === '23503' || error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

const errorTitles: Record<number, string> = {
  400: 'There is a problem',
  409: 'Someone else got there first',
  403: 'You do not have permission to see this page',
  404: 'Page not found',
  413: 'The file is too big',
  429: 'Too many attempts',
  500: 'Sorry, there is a problem with the service',
};
