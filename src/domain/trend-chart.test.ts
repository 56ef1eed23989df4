import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { niceTicks, renderTrendChart, valueRange, type TrendChartInput } from './trend-chart.ts';

// ---------------------------------------------------------------------------------------
// Fixtures and helpers

/**
 * assert.ok, always with a message: without one, node:assert re-reads the source file to
 * describe a failure, which hangs on a TypeScript file run through tsx.
 */
function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  assert.ok(value, message);
}

/** Actual values, a target trajectory and a forecast, with the latest two values provisional. */
function sample(extra: Partial<TrendChartInput> = {}): TrendChartInput {
  return {
    id: 'ni-111',
    title: 'NI 111 First time entrants to the youth justice system',
    unit: '%',
    actual: [
      { date: '2022-03-31', value: 52 },
      { date: '2024-03-31', value: 45, provisional: true },
      { date: '2021-03-31', value: 55 },
      { date: '2023-03-31', value: 47.5, provisional: true },
    ],
    target: [
      { date: '2021-03-31', value: 55 },
      { date: '2023-03-31', value: 46 },
      { date: '2025-03-31', value: 40 },
      { date: '2022-03-31', value: 50 },
    ],
    forecast: [
      { date: '2024-03-31', value: 45 },
      { date: '2025-03-31', value: 48 },
    ],
    ...extra,
  };
}

/** Quarter ends from 2014 on: 40 points make ten years. */
function quarterly(count: number, value: (i: number) => number): { date: string; value: number }[] {
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  return Array.from({ length: count }, (_, i) => ({
    date: `${2014 + Math.floor(i / 4)}-${ends[i % 4]}`,
    value: value(i),
  }));
}

/**
 * Checks that the markup nests properly: every tag is closed in order, attribute values
 * are quoted, and text holds no raw "<", ">" or bare "&".
 */
function assertWellFormed(svg: string): void {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g;
  const stack: string[] = [];
  let end = 0;
  for (let match = tag.exec(svg); match !== null; match = tag.exec(svg)) {
    const text = svg.slice(end, match.index);
    assert.doesNotMatch(text, /[<>]|&(?!(?:amp|lt|gt|quot|#39);)/, `raw markup character in text ${text}`);
    const [, closing, name, , selfClosing] = match;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else if (!selfClosing) stack.push(name as string);
    end = tag.lastIndex;
  }
  assert.equal(end, svg.length, `unparsed markup after ${svg.slice(end, end + 40)}`);
  assert.deepEqual(stack, [], 'unclosed elements');
}

/** The inside of the series group `<g class="trend-chart__{key}" …>` (the first one). */
function group(svg: string, key: string): string {
  const match = new RegExp(`<g class="trend-chart__${key}"[^>]*>(.*?)</g>`).exec(svg);
  ok(match, `no ${key} group`);
  return match[1] ?? '';
}

function attr(element: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
}

interface Point {
  x: number;
  y: number;
}

/** The filled markers of a series: the zero-length subpaths ("M x yh0") of its marker path. */
function dots(svg: string, key: string): Point[] {
  const path = /<path[^>]*d="([^"]*h0[^"]*)"[^>]*>/.exec(group(svg, key))?.[1] ?? '';
  return [...path.matchAll(/M(-?[\d.]+) (-?[\d.]+)h0/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}

function hollowCircles(svg: string): (Point & { fill: string | undefined })[] {
  return [...group(svg, 'actual').matchAll(/<circle[^>]*>/g)].map((m) => ({
    x: Number(attr(m[0], 'cx')),
    y: Number(attr(m[0], 'cy')),
    fill: attr(m[0], 'fill'),
  }));
}

function xAxis(svg: string): { x1: number; x2: number; y: number } {
  const line = /<line class="trend-chart__x-axis"[^>]*>/.exec(svg)?.[0];
  ok(line, 'no x axis');
  return { x1: Number(attr(line, 'x1')), x2: Number(attr(line, 'x2')), y: Number(attr(line, 'y1')) };
}

/** The y-axis tick labels, bottom first, with the y of their gridlines. */
function yTicks(svg: string): { label: string; y: number }[] {
  const lines = [...group(svg, 'grid').matchAll(/<line[^>]*>/g)].map((m) => Number(attr(m[0], 'y1')));
  const labels = [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/g)]
    .map((m) => ({ label: m[1] ?? '', y: Number(attr(m[0], 'y')) }))
    .filter((t) => lines.some((y) => Math.abs(t.y - 4 - y) < 0.11));
  return labels.map((t) => ({ label: t.label, y: t.y - 4 })).sort((a, b) => b.y - a.y);
}

function close(actual: number, expected: number, message: string, within = 0.11): void {
  ok(Math.abs(actual - expected) <= within, `${message}: ${actual} is not ${expected}`);
}

function descOf(svg: string): string {
  return /<desc id="[^"]*">([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
}

// ---------------------------------------------------------------------------------------

describe('renderTrendChart: markup and accessibility', () => {
  it('is a well-formed SVG image named by its title and description', () => {
    for (const compact of [false, true]) {
      const svg = renderTrendChart(sample({ compact }));
      ok(svg.startsWith('<svg'), 'starts with <svg');
      ok(svg.endsWith('</svg>'), 'ends with </svg>');
      assertWellFormed(svg);
      const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
      assert.equal(attr(root, 'role'), 'img');
      assert.equal(attr(root, 'xmlns'), 'http://www.w3.org/2000/svg');
      const ids = (attr(root, 'aria-labelledby') ?? '').split(' ');
      assert.equal(ids.length, 2);
      ok(svg.includes(`<title id="${ids[0]}">NI 111 First time entrants`), 'first id is the title');
      ok(svg.includes(`<desc id="${ids[1]}">`), 'second id is the description');
    }
  });

  it('escapes the title and sanitises the id', () => {
    const svg = renderTrendChart(
      sample({ id: 'NI 111 / "Youth" <b>', title: `Tom & Jerry's <script>alert("x")</script>` }),
    );
    assertWellFormed(svg);
    ok(
      svg.includes(
        '<title id="trend-ni-111-youth-b-title">Tom &amp; Jerry&#39;s &lt;script&gt;alert(&quot;x&quot;)',
      ),
      'title escaped',
    );
    ok(!svg.includes('<script'), 'no script element');
    const ids = [...svg.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? '');
    assert.deepEqual(ids, ['trend-ni-111-youth-b-title', 'trend-ni-111-youth-b-desc']);
    const blank = renderTrendChart(sample({ id: '  ' }));
    ok(blank.includes('id="trend-chart-title"'), 'an id with nothing usable still gives an id');
  });

  it('needs no CSS and no script: presentation attributes only', () => {
    for (const compact of [false, true]) {
      const svg = renderTrendChart(sample({ compact }));
      assert.doesNotMatch(svg, /\sstyle=|<style|<script|\son\w+=/);
    }
  });

  it('rounds every number to at most 1 decimal place', () => {
    const svg = renderTrendChart(sample({ width: 333, height: 177, actual: quarterly(7, (i) => i / 3) }));
    const numbers = [...svg.matchAll(/\s(?:x|y|x1|x2|y1|y2|cx|cy|r|d)="([^"]*)"/g)].flatMap(
      (m) => (m[1] ?? '').match(/-?\d+(?:\.\d+)?/g) ?? [],
    );
    ok(numbers.length > 20, 'found the coordinates');
    for (const n of numbers) assert.match(n, /^-?\d+(\.\d)?$/);
  });
});

describe('renderTrendChart: telling the series apart', () => {
  it('gives the three series distinct line patterns and marker shapes', () => {
    const svg = renderTrendChart(sample());
    const lineOf = (key: string): string => /<path[^>]*>/.exec(group(svg, key))?.[0] ?? '';
    const dashes = ['actual', 'target', 'forecast'].map(
      (key) => attr(lineOf(key), 'stroke-dasharray') ?? 'solid',
    );
    assert.equal(dashes[0], 'solid');
    assert.equal(new Set(dashes).size, 3, `dash patterns ${dashes.join(', ')}`);

    const markerOf = (key: string): string => [...group(svg, key).matchAll(/<path[^>]*>/g)][1]?.[0] ?? '';
    assert.equal(attr(markerOf('actual'), 'stroke-linecap'), 'round', 'actual: circles');
    assert.equal(attr(markerOf('target'), 'stroke-linecap'), 'square', 'target: squares');
    // The forecast: closed four-sided shapes (diamonds), filled.
    assert.match(attr(markerOf('forecast'), 'd') ?? '', /^(M[\d. -]+l[\d. -]+z)+$/);
    assert.equal(attr(markerOf('forecast'), 'fill'), '#6f777b');
    assert.equal(dots(svg, 'target').length, 4, 'a square at each target');
  });

  it('draws provisional values as hollow circles instead of filled ones', () => {
    const svg = renderTrendChart(sample());
    const hollow = hollowCircles(svg);
    const filled = dots(svg, 'actual');
    assert.equal(hollow.length, 2);
    assert.equal(filled.length, 2);
    for (const h of hollow) {
      assert.equal(h.fill, '#ffffff');
      ok(!filled.some((f) => f.x === h.x && f.y === h.y), 'no filled marker under a hollow one');
    }
    // The provisional ones are the latest two: right of the others.
    ok(Math.min(...hollow.map((h) => h.x)) > Math.max(...filled.map((f) => f.x)), 'provisional are latest');
  });

  it('has a legend in words in the full chart only', () => {
    const full = renderTrendChart(sample());
    const compact = renderTrendChart(sample({ compact: true }));
    const visibleText = (svg: string): string =>
      [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' | ');
    for (const words of ['Actual', 'Target', 'Forecast if nothing changes', 'Provisional']) {
      ok(visibleText(full).includes(words), `full legend has ${words}`);
      ok(!visibleText(compact).includes(words), `compact chart has no ${words}`);
    }
    const noForecast = renderTrendChart(sample({ forecast: undefined }));
    ok(!visibleText(noForecast).includes('Forecast'), 'no legend entry for a missing series');
  });

  it('describes the latest value, the final target and the forecast in words', () => {
    const desc = descOf(renderTrendChart(sample({ compact: true })));
    assert.equal(
      desc,
      'Actual: 4 values from 31 March 2021, latest 45% (31 March 2024, provisional). ' +
        '2 values are provisional. Target: 40% by 31 March 2025. ' +
        'Forecast if nothing changes: 48% by 31 March 2025.',
    );
    const other = descOf(renderTrendChart(sample({ unit: 'per 1,000', actual: [], forecast: [] })));
    assert.equal(other, 'No actual values yet. Target: 40 per 1,000 by 31 March 2025.');
  });
});

describe('renderTrendChart: placing the points', () => {
  const twoPoints = sample({
    width: 300,
    height: 150,
    unit: null,
    actual: [
      { date: '2021-01-01', value: 100 },
      { date: '2020-01-01', value: 0 },
    ],
    target: [],
    forecast: [],
  });

  it('puts the earliest date at the left edge of the plot and the latest at the right', () => {
    const svg = renderTrendChart(twoPoints);
    const axis = xAxis(svg);
    const [first, second] = dots(svg, 'actual');
    ok(first && second, 'two markers');
    close(first.x, axis.x1, 'earliest at the left edge');
    close(second.x, axis.x2, 'latest at the right edge');
    assert.equal(attr(/^<svg[^>]*>/.exec(svg)?.[0] ?? '', 'width'), '300');
  });

  it('puts a higher value higher on the page, on its gridline', () => {
    const svg = renderTrendChart(twoPoints);
    const [zero, hundred] = dots(svg, 'actual');
    ok(zero && hundred, 'two markers');
    ok(hundred.y < zero.y, 'higher value, smaller y');
    const ticks = yTicks(svg);
    assert.equal(ticks[0]?.label, '0');
    close(zero.y, xAxis(svg).y, '0 sits on the x axis');
    const tick100 = ticks.find((t) => t.label === '100');
    ok(tick100, 'a tick at 100');
    close(hundred.y, tick100.y, '100 sits on its gridline');
  });

  it('spaces points by date, not by their order', () => {
    const svg = renderTrendChart({
      ...twoPoints,
      actual: [
        { date: '2020-01-01', value: 1 },
        { date: '2020-02-01', value: 2 },
        { date: '2021-01-01', value: 3 },
      ],
    });
    const axis = xAxis(svg);
    const february = dots(svg, 'actual')[1];
    ok(february, 'three markers');
    // 2020 is a leap year: 1 February is day 31 of 366.
    close(february.x, axis.x1 + ((axis.x2 - axis.x1) * 31) / 366, 'February', 0.1);
  });

  it('shares one time scale across the series', () => {
    const svg = renderTrendChart(sample({ compact: true, width: 200, height: 50 }));
    const actual = [...dots(svg, 'actual'), ...hollowCircles(svg)];
    const target = dots(svg, 'target');
    const lastActual = Math.max(...actual.map((p) => p.x));
    const lastTarget = Math.max(...target.map((p) => p.x));
    ok(lastActual < lastTarget, 'the actual values end before the final target (2024 vs 2025)');
    // The series' first points share a date (31 March 2021), so a position.
    assert.equal(Math.min(...actual.map((p) => p.x)), Math.min(...target.map((p) => p.x)));
  });

  it('places a compact chart with equal small margins either side', () => {
    const svg = renderTrendChart({ ...twoPoints, compact: true, width: 120, height: 30 });
    const [first, second] = dots(svg, 'actual');
    ok(first && second, 'two markers');
    close(first.x, 120 - second.x, 'symmetric');
    ok(first.x < 10, 'small margin');
    ok(second.y < first.y, 'higher value, smaller y');
  });
});

describe('renderTrendChart: the x axis', () => {
  const texts = (svg: string): { text: string; x: number }[] =>
    [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => ({
      text: m[1] ?? '',
      x: Number(attr(m[0], 'x')),
    }));
  const years = (svg: string): { text: string; x: number }[] =>
    texts(svg).filter((t) => /^\d{4}$/.test(t.text));

  it('labels each year of the full chart at 1 January', () => {
    const svg = renderTrendChart(sample());
    assert.deepEqual(
      years(svg).map((t) => t.text),
      ['2022', '2023', '2024', '2025'],
    );
  });

  it('thins the year labels of a long range so that they do not collide', () => {
    const svg = renderTrendChart(sample({ actual: quarterly(120, (i) => i), target: [], forecast: [] }));
    const labels = years(svg);
    ok(labels.length >= 4, `${labels.length} labels`);
    labels.slice(1).forEach((label, i) => ok(label.x - (labels[i]?.x ?? 0) >= 30, `room for ${label.text}`));
  });

  it('labels only the first and the last year of a compact chart', () => {
    const all = texts(renderTrendChart(sample({ compact: true })));
    assert.deepEqual(
      all.map((t) => t.text),
      ['2021', '2025'],
    );
  });
});

describe('renderTrendChart: awkward data', () => {
  const noNumbersGoneWrong = /NaN|Infinity|undefined|null/;

  it('says "No data yet" in a small SVG when there is nothing to draw', () => {
    for (const input of [
      sample({ actual: [], target: [], forecast: undefined }),
      sample({
        actual: [{ date: '2023-02-30', value: 1 }],
        target: [{ date: '2023-01-01', value: Number.NaN }],
        forecast: [{ date: 'soon', value: 2 }],
      }),
    ]) {
      const svg = renderTrendChart(input);
      assertWellFormed(svg);
      ok(/<text[^>]*>No data yet<\/text>/.test(svg), 'visible text');
      assert.equal(descOf(svg), 'No data yet.');
      assert.equal(attr(/^<svg[^>]*>/.exec(svg)?.[0] ?? '', 'role'), 'img');
      ok(Number(attr(/^<svg[^>]*>/.exec(svg)?.[0] ?? '', 'height')) <= 40, 'small');
      assert.doesNotMatch(svg, noNumbersGoneWrong);
    }
  });

  it('draws a single point without dividing by zero', () => {
    for (const compact of [false, true]) {
      const svg = renderTrendChart(
        sample({ compact, actual: [{ date: '2020-05-01', value: 3 }], target: [], forecast: [] }),
      );
      assertWellFormed(svg);
      assert.doesNotMatch(svg, noNumbersGoneWrong);
      const [only] = dots(svg, 'actual');
      ok(only, 'one marker');
      if (!compact) close(only.x, (xAxis(svg).x1 + xAxis(svg).x2) / 2, 'in the middle');
      ok(descOf(svg).includes('one value, 3% (1 May 2020)'), 'described');
    }
  });

  it('draws identical values as a flat line', () => {
    for (const value of [0, 7, -7]) {
      for (const compact of [false, true]) {
        const svg = renderTrendChart(
          sample({ compact, actual: quarterly(6, () => value), target: [], forecast: [] }),
        );
        assert.doesNotMatch(svg, noNumbersGoneWrong);
        const ys = new Set(dots(svg, 'actual').map((p) => p.y));
        assert.equal(ys.size, 1, `flat at ${value}`);
      }
    }
  });

  it('handles negative values, the higher still higher on the page', () => {
    const svg = renderTrendChart(
      sample({
        unit: null,
        actual: [
          { date: '2020-01-01', value: -20 },
          { date: '2021-01-01', value: -5 },
        ],
        target: [{ date: '2021-01-01', value: 3 }],
        forecast: [],
      }),
    );
    assert.doesNotMatch(svg, noNumbersGoneWrong);
    const [low, high] = dots(svg, 'actual');
    ok(low && high, 'two markers');
    ok(high.y < low.y, '-5 above -20');
    const labels = yTicks(svg).map((t) => t.label);
    ok(labels.includes('0'), `zero on the axis: ${labels.join(' ')}`);
    ok(Number(labels[0]) <= -20, 'the axis reaches below the lowest value');
  });

  it('keeps a compact chart of 40 quarterly values under 3 KB', () => {
    const svg = renderTrendChart({
      id: 'ni-111',
      title: 'NI 111 First time entrants to the youth justice system aged 10–17',
      unit: 'per 100,000',
      actual: quarterly(40, (i) => 1234.567 - i * 9.13 + (i % 3) * 14.1).map((p, i) => ({
        ...p,
        provisional: i >= 38,
      })),
      target: quarterly(41, (i) => 1200 - i * 7.77).filter((_, i) => i % 4 === 0),
      forecast: quarterly(44, (i) => 1234.567 - i * 9.13).slice(39),
      compact: true,
      width: 160,
      height: 40,
    });
    assertWellFormed(svg);
    const bytes = Buffer.byteLength(svg, 'utf8');
    ok(bytes < 3 * 1024, `${bytes} bytes`);
  });
});

describe('renderTrendChart: the y axis', () => {
  it('starts at zero when the smallest value is within 40% of the largest', () => {
    const svg = renderTrendChart(
      sample({ actual: [{ date: '2020-01-01', value: 30 }], target: [{ date: '2021-01-01', value: 97 }] }),
    );
    assert.deepEqual(
      yTicks(svg).map((t) => t.label),
      ['0%', '25%', '50%', '75%', '100%'],
    );
  });

  it('hugs values bunched far from zero', () => {
    const svg = renderTrendChart(
      sample({
        actual: [{ date: '2020-01-01', value: 12.3 }],
        target: [{ date: '2021-01-01', value: 12.9 }],
        forecast: [],
      }),
    );
    assert.deepEqual(
      yTicks(svg).map((t) => t.label),
      ['12.2%', '12.4%', '12.6%', '12.8%', '13.0%'],
    );
  });

  it('names a unit other than % once, above the axis', () => {
    const svg = renderTrendChart(sample({ unit: 'per 1,000' }));
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    assert.equal(texts.filter((t) => t === 'per 1,000').length, 1);
    ok(
      yTicks(svg).every((t) => /^[\d,.-]+$/.test(t.label)),
      'plain numbers on the ticks',
    );
  });

  it('valueRange: includes zero by the 40% rule, pads by 5%, never across zero', () => {
    assert.deepEqual(valueRange([30, 97]), [0, 101.85]);
    assert.deepEqual(valueRange([40, 100]), [0, 105]);
    assert.deepEqual(valueRange([41, 100]), [38.05, 102.95]);
    assert.deepEqual(valueRange([-97, -30]), [-101.85, 0]);
    assert.deepEqual(valueRange([-10, 10]), [-11, 11]);
    assert.deepEqual(valueRange([5, 5]), [0, 5.25]);
    assert.deepEqual(valueRange([0, 0]), [0, 1.05]);
    const [lo, hi] = valueRange([12.3, 12.9]);
    close(lo, 12.27, 'tight below', 1e-9);
    close(hi, 12.93, 'tight above', 1e-9);
  });
});

describe('niceTicks', () => {
  it('gives round ticks for typical ranges', () => {
    assert.deepEqual(niceTicks(0, 1), [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(niceTicks(0, 97), [0, 25, 50, 75, 100]);
    assert.deepEqual(niceTicks(12.3, 12.9), [12.2, 12.4, 12.6, 12.8, 13]);
    assert.deepEqual(niceTicks(-50, -10), [-50, -40, -30, -20, -10]);
    assert.deepEqual(niceTicks(-7, 3), [-10, -5, 0, 5]);
    assert.deepEqual(niceTicks(0.1, 0.3), [0.1, 0.15, 0.2, 0.25, 0.3]);
  });

  it('shows equal bounds against zero', () => {
    assert.deepEqual(niceTicks(5, 5), [0, 2, 4, 6]);
    assert.deepEqual(niceTicks(-3, -3), [-3, -2, -1, 0]);
    assert.deepEqual(niceTicks(0, 0), [0, 0.25, 0.5, 0.75, 1]);
  });

  it('accepts the bounds either way round, and gives nothing for non-finite bounds', () => {
    assert.deepEqual(niceTicks(97, 0), niceTicks(0, 97));
    assert.deepEqual(niceTicks(0, Number.NaN), []);
    assert.deepEqual(niceTicks(-Infinity, 1), []);
  });

  it('respects a smaller count', () => {
    assert.deepEqual(niceTicks(0, 97, 3), [0, 50, 100]);
  });

  it('always covers the range with 3–5 evenly spaced, round ticks', () => {
    const ranges: [number, number][] = [];
    for (const scale of [0.001, 0.37, 1, 13, 1000, 123456]) {
      for (const [a, b] of [
        [0, 1],
        [0.2, 0.9],
        [-1, 1],
        [-3.3, -0.1],
        [7, 7.01],
        [0.5, 9.5],
        [1, 1],
      ] as const) {
        ranges.push([a * scale, b * scale], [a * scale + 100 * scale, b * scale + 100 * scale]);
      }
    }
    for (const [min, max] of ranges) {
      const ticks = niceTicks(min, max);
      const where = `${min}–${max}: ${ticks.join(', ')}`;
      ok(ticks.length >= 3 && ticks.length <= 5, where);
      // Within float rounding: 0.107 may stand for 0.10700000000000001.
      const slack = (Math.abs(max) + Math.abs(min)) * 1e-12;
      ok(
        (ticks[0] ?? NaN) <= min + slack && (ticks[ticks.length - 1] ?? NaN) >= max - slack,
        `covers ${where}`,
      );
      const steps = ticks.slice(1).map((t, i) => t - (ticks[i] ?? 0));
      for (const step of steps) close(step, steps[0] ?? 0, `even ${where}`, Math.abs(steps[0] ?? 0) * 1e-9);
      for (const t of ticks) ok(String(t).length <= 12, `round ${where}`);
    }
  });
});
