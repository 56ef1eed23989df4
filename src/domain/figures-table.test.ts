import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderFiguresTable } from './figures-table.ts';

const cells = (html: string) =>
  [...html.matchAll(/<tr class="govuk-table__row">(.*?)<\/tr>/g)]
    .slice(1)
    .map((m) => [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));

describe('the table behind a trend chart', () => {
  it('lists the figures as given (newest first), then the yearly targets, numbers as people read them', () => {
    const html = renderFiguresTable({
      caption: 'Latest figures and targets',
      unit: '%',
      figures: [
        { period: '2010/11 Q2', value: 1234.567, provisional: true, note: null },
        { period: '2010/11 Q1', value: 12, provisional: false, note: 'ignored when there is a value' },
      ],
      years: [{ label: '2010/11', value: 10 }],
    });
    assert.deepEqual(cells(html), [
      ['2010/11 Q2', '1,234.57 (provisional)'],
      ['2010/11 Q1', '12'],
      ['Target for 2010/11', '10'],
    ]);
    assert.match(
      html,
      /<caption class="govuk-table__caption govuk-table__caption--s">Latest figures and targets<\/caption>/,
    );
    assert.match(html, /Value \(%\)<\/th>/);
  });

  it('says when a figure has no value, with its note, and when there are no figures at all', () => {
    const missing = renderFiguresTable({
      caption: 'c',
      unit: null,
      figures: [{ period: '2009/10', value: null, provisional: false, note: 'Suppressed: fewer than 5' }],
      years: [],
    });
    assert.deepEqual(cells(missing), [['2009/10', 'No value: Suppressed: fewer than 5']]);
    assert.match(missing, /Value<\/th>/, 'no unit, no brackets');
    const none = renderFiguresTable({
      caption: 'c',
      unit: null,
      figures: [],
      years: [{ label: '2008/09', value: 3 }],
    });
    assert.deepEqual(cells(none), [['No figures yet'], ['Target for 2008/09', '3']]);
  });

  it('escapes every piece of text, so a note or unit can never become markup', () => {
    const html = renderFiguresTable({
      caption: 'A <b>caption</b>',
      unit: '<script>',
      figures: [{ period: '<i>Q1</i>', value: null, provisional: false, note: '"quoted" & <tagged>' }],
      years: [],
    });
    assert.doesNotMatch(html, /<script>|<b>|<i>|<tagged>/);
    assert.match(html, /&lt;i&gt;Q1&lt;\/i&gt;/);
    assert.match(html, /No value: &quot;quoted&quot; &amp; &lt;tagged&gt;/);
  });
});
