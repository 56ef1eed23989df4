/**
 * Helpers for the browser tests: the app on a real port, Debian's Chromium driven
 * by playwright-core, and an axe-core accessibility check for every page visited.
 *
 * No browser is ever downloaded: playwright-core drives /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
  type Response,
} from 'playwright-core';
import { createTestApp } from '../src/testing/test-app.ts';
import { buildStylesheet } from '../src/platform/assets.ts';

const require = createRequire(import.meta.url);

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const demoPassword = 'demo-password-2026';

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules, as axe tags them. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const axePath = require.resolve('axe-core/axe.min.js');
let axeSource: string | undefined;
/** The CSP hash of axe as `addScriptTag` inlines it, to recognise the page refusing it. */
const axeInlineHash = crypto
  .createHash('sha256')
  .update(`${fs.readFileSync(axePath, 'utf8')}\n//# sourceURL=${axePath}`)
  .digest('base64');

/** The app over a fresh demo database, listening on a free port. */
export async function startApp(): Promise<{ baseURL: string; close: () => Promise<void> }> {
  buildStylesheet();
  const { app, close } = await createTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { baseURL: `http://127.0.0.1:${port}`, close };
}

export function launchBrowser(): Promise<Browser> {
  assert.ok(fs.existsSync(chromiumPath), `No Chromium at ${chromiumPath}; install Debian's chromium package`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a page has been through: documents loaded, documents checked, and problems seen in the console. */
interface PageRecord {
  javaScriptEnabled: boolean;
  /** Set once the page's CSP has refused axe as an inline script, so it is not tried again. */
  inlineScriptsBlocked: boolean;
  /** True while axe is being injected: CSP complaints then are about axe, not the app. */
  injecting: boolean;
  loads: number;
  checked: number;
  urls: string[];
  consoleErrors: string[];
}
const records = new WeakMap<Page, PageRecord>();

/** A fresh browser context (its own cookies) with one page, watched so every page it loads can be checked. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, ...options });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  const record: PageRecord = {
    javaScriptEnabled: options.javaScriptEnabled !== false,
    inlineScriptsBlocked: false,
    injecting: false,
    loads: 0,
    checked: 0,
    urls: [],
    consoleErrors: [],
  };
  records.set(page, record);
  page.on('load', () => {
    record.loads += 1;
    record.urls.push(page.url());
  });
  page.on('console', (message) => {
    if (message.type() !== 'error' || record.injecting || message.text().includes(axeInlineHash)) return;
    // The document's own status (a 404 or 400 page) is asserted by the test itself.
    if (message.text().startsWith('Failed to load resource') && message.location().url === page.url()) return;
    record.consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => record.consoleErrors.push(`${page.url()}: ${error.message}`));
  return { context, page };
}

/**
 * Fails unless every document the page loaded was checked with `checkAccessibility`,
 * so no page of a journey escapes the accessibility check, and unless the browser's
 * console stayed free of errors (script errors, resources refused by the CSP, failed loads).
 */
export function finishPage(page: Page): void {
  const record = records.get(page);
  assert.ok(record, 'The page was not opened with openPage()');
  assert.equal(
    record.checked,
    record.loads,
    `${record.loads - record.checked} page(s) were not checked for accessibility; pages loaded: ${record.urls.join(', ')}`,
  );
  const errors = [...new Set(record.consoleErrors)];
  assert.equal(errors.length, 0, `Errors in the browser console:\n${errors.join('\n')}`);
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core's WCAG 2.2 AA rules on the page as it is now and fails with a readable
 * list (rule, help, the elements that failed) if anything is found.
 *
 * axe is injected with `page.addScriptTag`. The app's Content-Security-Policy allows
 * only its own files and nonce'd scripts, so it refuses that inline script; then the
 * same file is evaluated through the DevTools protocol instead (which CSP does not
 * govern). The page's own CSP stays in force, so axe sees the page as visitors get it.
 */
export async function checkAccessibility(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const record = records.get(page);
  const violations =
    record?.javaScriptEnabled === false
      ? await runAxeWithoutPageScripts(page)
      : await runAxeInPage(page, record);
  if (record) record.checked = record.loads;
  assert.equal(violations.length, 0, describeViolations(page.url(), violations));
}

async function runAxeInPage(page: Page, record: PageRecord | undefined): Promise<AxeViolation[]> {
  if (!record?.inlineScriptsBlocked && !(await hasAxe(page))) {
    if (record) record.injecting = true;
    try {
      await page.addScriptTag({ path: axePath });
    } catch {
      // Refused by the page's Content-Security-Policy: evaluate it instead, below.
      if (record) record.inlineScriptsBlocked = true;
    } finally {
      if (record) record.injecting = false;
    }
  }
  if (!(await hasAxe(page))) await page.evaluate(readAxe());
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations;
  }, wcagTags);
}

/**
 * With JavaScript switched off Chromium runs no script in the page's own world, so
 * `page.evaluate` would wait for ever. axe runs instead in an isolated world (same
 * DOM, own globals) made through the DevTools protocol. Timers never fire there, so
 * that world gets a `setTimeout` that runs zero-delay callbacks as microtasks (axe's
 * work queue) and never fires longer ones (only axe's time-outs, which must not fire).
 */
async function runAxeWithoutPageScripts(page: Page): Promise<AxeViolation[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId: contextId } = await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'e2e-axe',
      grantUniveralAccess: true,
    });
    const evaluate = async (expression: string) => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression,
        contextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails)
        throw new Error(`axe failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as unknown;
    };
    await evaluate(
      `window.setTimeout = (callback, delay, ...args) => { if (!delay) Promise.resolve().then(() => callback(...args)); return 0; };
       window.clearTimeout = () => {};`,
    );
    await evaluate(readAxe());
    return (await evaluate(
      `axe.run(document, ${JSON.stringify({ runOnly: { type: 'tag', values: wcagTags }, resultTypes: ['violations'] })})
         .then((results) => JSON.parse(JSON.stringify(results.violations)))`,
    )) as AxeViolation[];
  } finally {
    await cdp.detach();
  }
}

function readAxe(): string {
  axeSource ??= fs.readFileSync(axePath, 'utf8');
  return axeSource;
}

function hasAxe(page: Page): Promise<boolean> {
  return page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
}

function describeViolations(url: string, violations: AxeViolation[]): string {
  const lines = [`${violations.length} accessibility violation(s) on ${url}:`];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`, `  ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`    at ${node.target.map(String).join(' ')}`);
      if (node.failureSummary) lines.push(...node.failureSummary.split('\n').map((l) => `      ${l}`));
    }
  }
  return lines.join('\n');
}

/** Goes to a path, checks the status, that the page has exactly one h1, and that it is accessible. */
export async function visit(page: Page, path: string, expectedStatus = 200): Promise<Response> {
  const response = await page.goto(path);
  assert.ok(response, `No response for ${path}`);
  assert.equal(response.status(), expectedStatus, `GET ${path} answered ${response.status()}`);
  await checkAccessibility(page);
  await assertOneH1(page);
  return response;
}

/** Clicks something that loads a new page (a link or a form's button), waits for it, and checks it. */
export async function navigateBy(
  page: Page,
  target: Locator,
  expectedStatus?: number,
): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation(), target.click()]);
  if (expectedStatus !== undefined) {
    assert.ok(response, `No response after clicking ${target}`);
    assert.equal(response.status(), expectedStatus, `${response.url()} answered ${response.status()}`);
  }
  await checkAccessibility(page);
  await assertOneH1(page);
  return response;
}

export async function assertOneH1(page: Page): Promise<void> {
  assert.equal(await page.locator('h1').count(), 1, `Expected exactly one h1 on ${page.url()}`);
}

/** The text of the page's h1. */
export async function h1(page: Page): Promise<string> {
  return ((await page.locator('h1').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await visit(page, '/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await navigateBy(page, page.getByRole('button', { name: 'Sign in', exact: true }));
  assert.ok(
    !new URL(page.url()).pathname.startsWith('/sign-in'),
    `Sign-in failed for ${email}: still on ${page.url()}`,
  );
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * The app and Chromium for one describe block (started before its tests, stopped after),
 * and `withPage`: a fresh context (no cookies) for one test, at the end of which every page
 * it loaded must have been checked for accessibility and the console must be free of errors.
 */
export function browserSuite() {
  let browser: Browser | undefined;
  let baseURL = '';
  let closeApp: (() => Promise<void>) | undefined;

  before(async () => {
    const started = await startApp();
    baseURL = started.baseURL;
    closeApp = started.close;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await closeApp?.();
  });

  async function withPage(work: (page: Page) => Promise<void>, options: BrowserContextOptions = {}) {
    assert.ok(browser, 'The browser has not started');
    const { context, page } = await openPage(browser, baseURL, options);
    try {
      await work(page);
      finishPage(page);
    } finally {
      await context.close();
    }
  }

  return { withPage };
}
