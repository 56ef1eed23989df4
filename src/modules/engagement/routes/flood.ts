import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';

/** Anonymous submissions from one address allowed in the window, before the flood page… */
export const anonymousSubmissionsPerWindow = 10;
/** …and from one signed-in account (people at one address, like a library, share it less). */
export const signedInSubmissionsPerWindow = 30;
export const floodWindowMinutes = 10;

/** Refused for sending too much too fast: shown as a page in words, with what was typed. */
export class TooManySubmissionsError extends Error {
  readonly statusCode = 429;
  constructor(readonly retryInMinutes: number) {
    super('Too many submissions');
  }
}

/**
 * The rate limit of a public form: per address for someone anonymous, per account for
 * someone signed in. It runs after the visitor is known (preHandler), so it can tell them apart.
 */
export function submissionLimit(): RateLimitOptions {
  return {
    hook: 'preHandler',
    timeWindow: floodWindowMinutes * 60 * 1000,
    keyGenerator: (request: FastifyRequest) =>
      request.actor ? `account:${request.actor.userId}` : `address:${request.ip}`,
    max: (request: FastifyRequest) =>
      request.actor ? signedInSubmissionsPerWindow : anonymousSubmissionsPerWindow,
    errorResponseBuilder: (_request, context) =>
      new TooManySubmissionsError(Math.max(1, Math.ceil(context.ttl / 60_000))),
  };
}

/** The words someone typed, from a refused form, so the flood page can give them back. */
function typedWords(body: unknown): { label: string; text: string }[] {
  const form = (body ?? {}) as Record<string, unknown>;
  const kept: { label: string; text: string }[] = [];
  const add = (label: string, value: unknown) => {
    for (const text of [value].flat())
      if (typeof text === 'string' && text.trim().length > 0) kept.push({ label, text });
  };
  add('Summary', form.summary);
  add('What you wrote', form.details);
  for (const [key, value] of Object.entries(form))
    if (/^q\d+$/.test(key) && typeof value === 'string' && value.trim().length > 3) add('Your answer', value);
  return kept;
}

/** This module's flood page; every other error goes on to the app's own error page. */
export function registerFloodPage(app: FastifyInstance) {
  app.setErrorHandler(async (error, request, reply) => {
    if (!(error instanceof TooManySubmissionsError)) throw error;
    return reply
      .code(429)
      .header('retry-after', String(error.retryInMinutes * 60))
      .view('engagement/too-many.njk', {
        title: 'You have sent a lot in a short time',
        retryInMinutes: error.retryInMinutes,
        kept: typedWords(request.body),
        back: request.url,
      });
  });
}
