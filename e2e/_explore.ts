import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { createTestApp } from '../src/testing/test-app.ts';
import { buildStylesheet } from '../src/platform/assets.ts';
const require = createRequire(import.meta.url);
buildStylesheet();
const t0 = Date.now();
const { app, close } = await createTestApp();
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const port = typeof addr === 'object' && addr ? addr.port : 0;
console.log('app', Date.now() - t0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
console.log('browser', Date.now() - t0);
const ctx = await browser.newContext();
const page = await ctx.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text()));
for (const p of ['/', '/structure', '/partnerships', '/partnerships/safer-kelmsfield-partnership', '/organisations', '/people', '/areas', '/open-data', '/sign-in', '/partnerships/no-such-thing']) {
  const r = await page.goto(`http://127.0.0.1:${port}${p}`);
  try {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  } catch (e) { console.log('addScriptTag failed', (e as Error).message); }
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe);
  console.log(p, r?.status(), hasAxe);
  if (hasAxe === 'undefined') continue;
  const res = await page.evaluate(() => (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa'] } }));
  for (const v of res.violations) console.log('  ', v.id, v.help, v.nodes.map((n: any) => n.target.join(' ')).join(' | '));
  console.log('  h1s', await page.locator('h1').count(), Date.now() - t0);
}
await browser.close();
await close();
