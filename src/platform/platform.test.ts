import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import {
  emailAddress,
  errorSummary,
  isoDate,
  isRealDate,
  optionalId,
  parseForm,
  requiredText,
  yesNo,
} from './forms.ts';
import { ValidationError } from './errors.ts';
import { CsvReadError, readCsv, toCsv } from './csv.ts';
import { renderRichText } from './rich-text.ts';
import { slugify, uniqueSlug } from './slugs.ts';
import { diffRecords } from './audit.ts';
import { formatDate, formatDateTime, todayIso } from './time.ts';

describe('form validation', () => {
  const schema = z.object({
    name: requiredText('your name', 10),
    email: emailAddress('an email address', false),
    startsOn: isoDate('the start date', true),
    agreed: yesNo,
    organisationId: optionalId('Choose an organisation'),
  });

  it('trims, lower-cases emails, turns blanks into null and ticks into true', () => {
    assert.deepEqual(
      parseForm(schema, {
        name: '  Ann ',
        email: ' ANN@Example.ORG ',
        startsOn: '2026-04-01',
        agreed: 'yes',
        organisationId: '',
      }),
      {
        name: 'Ann',
        email: 'ann@example.org',
        startsOn: '2026-04-01',
        agreed: true,
        organisationId: null,
      },
    );
    assert.equal(parseForm(schema, { name: 'Ann', startsOn: '2026-04-01' }).agreed, false);
  });

  it('gives one message per field, in the user’s words', () => {
    try {
      parseForm(schema, {
        name: 'A name that is too long',
        email: 'nope',
        startsOn: '',
        organisationId: 'abc',
      });
      assert.fail('should not parse');
    } catch (error) {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(error.fieldErrors, {
        name: 'Your name must be 10 characters or fewer',
        email: 'Enter an email address in the correct format, like name@example.org',
        startsOn: 'Enter the start date',
        organisationId: 'Choose an organisation',
      });
    }
  });

  it('knows real calendar dates', () => {
    assert.equal(isRealDate('2024-02-29'), true);
    assert.equal(isRealDate('2023-02-29'), false);
    assert.equal(isRealDate('2026-13-01'), false);
    assert.equal(isRealDate('1/4/2026'), false);
  });

  it('orders the error summary as the form is laid out', () => {
    assert.deepEqual(errorSummary({ b: 'Second', a: 'First' }, ['a', 'b']), [
      { text: 'First', href: '#a' },
      { text: 'Second', href: '#b' },
    ]);
  });
});

describe('CSV', () => {
  it('writes a header, a byte-order mark, quotes and neutralised formulas', () => {
    const csv = toCsv(
      [
        { header: 'name', value: (r: { name: string; n: number | null }) => r.name },
        { header: 'n', value: (r) => r.n },
      ],
      [
        { name: 'Smith, "Jo"', n: 1 },
        { name: '=SUM(A1)', n: null },
        { name: '-10', n: -10 },
      ],
    );
    assert.equal(csv, '\uFEFFname,n\n"Smith, ""Jo""",1\n\'=SUM(A1),\n\'-10,-10\n');
  });

  it('reads a file with any header case, trimming values and a byte-order mark', () => {
    assert.deepEqual(readCsv('\uFEFF Name ,Sector\nAnn , public\n\n'), {
      header: ['name', 'sector'],
      rows: [{ name: 'Ann', sector: 'public' }],
    });
    assert.throws(() => readCsv(''), CsvReadError);
    assert.throws(() => readCsv('a,b\n"oops,1\n'), /could not be read as CSV/);
  });
});

describe('rich text', () => {
  it('renders Markdown with GOV.UK classes and removes anything unsafe', () => {
    const html = renderRichText(
      '## Aims\n\n- One\n- [Two](javascript:alert(1))\n\n<script>x()</script><p onclick="y()">Hi</p><iframe src="x"></iframe>',
    );
    assert.match(html, /<h3 class="govuk-heading-m">Aims<\/h3>/);
    assert.match(html, /<ul class="govuk-list govuk-list--bullet">/);
    assert.doesNotMatch(html, /script|onclick|iframe|javascript:/);
    assert.equal(renderRichText(null), '');
  });
});

describe('slugs', () => {
  it('makes readable addresses', () => {
    assert.equal(
      slugify("Children's Trust & Young People’s Board"),
      'childrens-trust-and-young-peoples-board',
    );
    assert.equal(slugify('Ærø Ünïon'), 'r-union');
    assert.equal(slugify('!!!'), 'item');
  });

  it('adds a number when the address is taken', async () => {
    const taken = new Set(['board', 'board-2']);
    assert.equal(await uniqueSlug('Board', async (s) => taken.has(s)), 'board-3');
  });
});

describe('audit differences', () => {
  it('lists changed fields only, ignoring bookkeeping columns', () => {
    assert.deepEqual(
      diffRecords({ name: 'A', version: 1, website: null }, { name: 'B', version: 2, website: null }),
      [{ field: 'name', before: 'A', after: 'B' }],
    );
    assert.deepEqual(diffRecords(null, { name: 'A' }), [{ field: 'name', before: null, after: 'A' }]);
  });
});

describe('dates and times', () => {
  it('shows times in Europe/London, across the clock change', () => {
    assert.equal(formatDateTime('2026-07-01T09:30:00Z'), '1 July 2026, 10:30am');
    assert.equal(formatDateTime('2026-12-01T09:30:00Z'), '1 December 2026, 9:30am');
    assert.equal(formatDateTime('2026-07-01T11:30:00Z'), '1 July 2026, 12:30pm', 'half past noon');
    assert.equal(formatDateTime('2026-12-01T00:15:00Z'), '1 December 2026, 12:15am', 'just after midnight');
    assert.equal(formatDate('2026-04-01'), '1 April 2026');
    assert.equal(formatDate(null), '');
  });

  it('takes today to be the date in London, which runs an hour ahead of UTC in summer', () => {
    assert.equal(todayIso(new Date('2026-07-01T23:30:00Z')), '2026-07-02');
    assert.equal(todayIso(new Date('2026-07-01T22:59:00Z')), '2026-07-01');
    assert.equal(todayIso(new Date('2026-12-01T23:30:00Z')), '2026-12-01');
    assert.equal(todayIso(new Date('2026-12-02T00:00:00Z')), '2026-12-02');
  });
});
