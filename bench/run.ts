/**
 * npm run bench: prints how long the main pages take to render over the demo place,
 * and the structure map at 120 partnerships. Figures, not a test.
 */
import { performance } from 'node:perf_hooks';
import { createTestApp } from '../src/testing/test-app.ts';
import { renderStructureMapSvg, type MapPartnership } from '../src/domain/structure-map.ts';

const pages = [
  '/',
  '/structure',
  '/partnerships',
  '/partnerships/safer-kelmsfield-partnership',
  '/organisations',
  '/people',
  '/api/v1/popolo.json',
  '/organisations.csv',
  '/dashboard',
  '/strategies/kelmsfield-together',
  '/actions',
  '/reports/annual',
];

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

const started = performance.now();
const t = await createTestApp();
console.log(
  `App with demo place ready in ${(performance.now() - started).toFixed(0)} ms (${t.database.kind})`,
);
const rounds = Number(process.env.BENCH_ROUNDS ?? 100);
for (const url of pages) {
  await t.app.inject(url); // warm up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const response = await t.app.inject(url);
    times.push(performance.now() - start);
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
  }
  console.log(`${url.padEnd(46)} ${summary(times)} over ${rounds} requests`);
}
await t.close();

const big: MapPartnership[] = [];
const seats = { public: 6, business: 2, voluntary_community: 3, faith: 1, resident_community: 1 };
big.push({
  id: 1,
  parentId: null,
  name: 'Partnership Board',
  slug: 'board',
  status: 'active',
  statutory: false,
  sectorSeats: seats,
});
for (let i = 0; i < 119; i++) {
  const id = i + 2;
  const parentId = i < 10 ? 1 : 2 + (i % 10);
  big.push({
    id,
    parentId,
    name: `Partnership number ${id} with a long name`,
    slug: `p${id}`,
    status: 'active',
    statutory: i % 7 === 0,
    sectorSeats: seats,
  });
}
const times: number[] = [];
let svg = '';
for (let i = 0; i < 50; i++) {
  const start = performance.now();
  svg = renderStructureMapSvg(big, { maxColumns: 3 });
  times.push(performance.now() - start);
}
console.log(
  `Structure map of 120 partnerships: ${summary(times)}, ${(svg.length / 1024).toFixed(0)} KiB of SVG`,
);
