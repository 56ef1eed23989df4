import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import { barChartSvg, describeBars } from './bar-chart.ts';

function parses(svg: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(svg).close();
}

describe('the bar chart', () => {
  const bars = [
    { label: 'Strongly agree', value: 34, text: '34 (52%)' },
    { label: 'Agree <a lot> & "more"', value: 20, text: '20 (31%)' },
    { label: 'Not shown', value: null, text: 'fewer than 10' },
  ];

  it('is well-formed SVG with its title and a description of every figure', () => {
    const svg = barChartSvg({ id: 'Question 1!', title: 'How much do you agree?', bars });
    parses(svg);
    assert.match(svg, /role="img" aria-labelledby="question-1--title question-1--desc"/);
    assert.match(svg, /<title id="question-1--title">How much do you agree\?<\/title>/);
    assert.match(svg, /<desc id="question-1--desc">Bar chart\. Strongly agree: 34 \(52%\)\./);
    assert.match(svg, /Agree &lt;a lot&gt; &amp; &quot;more&quot;/);
    assert.doesNotMatch(svg, /style=/);
  });

  it('draws bars in proportion to the largest, and none for a figure not shown', () => {
    const svg = barChartSvg({ id: 'q', title: 'Q', bars, width: 640 });
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.equal(widths.length, 2);
    assert.equal(widths[0], 490);
    assert.ok(Math.abs(widths[1]! - (20 / 34) * 490) < 0.1);
  });

  it('draws against a given maximum, and a nought as no bar', () => {
    const svg = barChartSvg({
      id: 'q',
      title: 'Q',
      max: 100,
      bars: [
        { label: 'A', value: 50, text: '50' },
        { label: 'B', value: 0, text: '0' },
      ],
    });
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(widths, [245]);
  });

  it('shortens a very long label in the picture, never in the description', () => {
    const label = 'x'.repeat(200);
    const svg = barChartSvg({ id: 'q', title: 'Q', bars: [{ label, value: 1, text: '1' }] });
    assert.match(svg, new RegExp(`>${'x'.repeat(89)}…<`));
    assert.ok(describeBars([{ label, value: 1, text: '1' }]).includes(label));
  });

  it('says when there is nothing to show', () => {
    const svg = barChartSvg({ id: 'q', title: 'Q', bars: [] });
    parses(svg);
    assert.match(svg, /No answers to show\./);
  });
});
