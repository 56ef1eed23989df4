import { z } from 'zod';

/**
 * Configuration comes only from the environment, parsed and checked once at start.
 * A bad value stops start-up with one line that names the variable.
 */
const environmentSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a whole number between 1 and 65535' })
    .int('must be a whole number between 1 and 65535')
    .min(1, 'must be a whole number between 1 and 65535')
    .max(65535, 'must be a whole number between 1 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .refine((value) => /^(postgres|postgresql):\/\/.+/.test(value) || /^(sqlite:|file:).+/.test(value), {
      message:
        'must start with postgres:// (PostgreSQL) or sqlite: (an SQLite file, e.g. sqlite:data/placeshaper.db)',
    })
    .default('sqlite:data/placeshaper.db'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  SEED: z.enum(['demo', 'none'], { error: 'must be "demo" or "none"' }).default('demo'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  SIGN_IN_ATTEMPTS_PER_10_MINUTES: z.coerce
    .number({ error: 'must be a whole number of at least 1' })
    .int('must be a whole number of at least 1')
    .min(1, 'must be a whole number of at least 1')
    .default(10),
  BASE_URL: z
    .string()
    .regex(
      /^https?:\/\/[^\s/]+(\/[^\s]*)?$/,
      'must be the address people use for the site, like https://partnership.example.gov.uk',
    )
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\/[^\s]+$/,
      'must be the address of a mail server, like smtp://user:password@mail.example.gov.uk:587',
    )
    .optional(),
  MAIL_FROM: z.string().min(3).default('Placeshaper <placeshaper@localhost>'),
  MAIL_OUTBOX: z.string().min(1).default('data/outbox'),
  NODE_ENV: z.string().default('development'),
  TRUST_PROXY: z
    .enum(['true', 'false'], { error: 'must be "true" or "false"' })
    .default('false')
    .transform((value) => value === 'true'),
});

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Config {
  port: number;
  host: string;
  database: { kind: DatabaseKind; url: string; sqliteFile?: string };
  sessionSecret?: string;
  seed: 'demo' | 'none';
  logLevel: string;
  signInAttemptsPer10Minutes: number;
  production: boolean;
  trustProxy: boolean;
  /** The site's public address, for links in open data; without it those links are relative. */
  baseUrl?: string;
  mail: { smtpUrl?: string; from: string; outboxDirectory: string };
}

export class ConfigError extends Error {}

/** Variables that may hold a password or key. */
const secretVariables = new Set(['SESSION_SECRET', 'SMTP_URL']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    // Secrets are never echoed: the line may end up in a log.
    const got = secretVariables.has(variable) ? '' : ` (got "${env[variable] ?? ''}")`;
    throw new ConfigError(`Configuration error: ${variable} ${issue.message}${got}.`);
  }
  const values = parsed.data;
  const isPostgres = /^postgres(ql)?:\/\//.test(values.DATABASE_URL);
  const seed = argv.includes('--no-demo') ? 'none' : values.SEED;
  return {
    port: values.PORT,
    host: values.HOST,
    database: isPostgres
      ? { kind: 'postgres', url: values.DATABASE_URL }
      : {
          kind: 'sqlite',
          url: values.DATABASE_URL,
          sqliteFile: values.DATABASE_URL.replace(/^(sqlite|file):(\/\/)?/, ''),
        },
    sessionSecret: values.SESSION_SECRET,
    seed,
    logLevel: values.LOG_LEVEL,
    signInAttemptsPer10Minutes: values.SIGN_IN_ATTEMPTS_PER_10_MINUTES,
    production: values.NODE_ENV === 'production',
    trustProxy: values.TRUST_PROXY,
    baseUrl: values.BASE_URL,
    mail: { smtpUrl: values.SMTP_URL, from: values.MAIL_FROM, outboxDirectory: values.MAIL_OUTBOX },
  };
}
