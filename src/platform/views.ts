import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type nunjucks from 'nunjucks';
import { formatDate, formatDateTime } from './time.ts';
import { formatPounds } from './money.ts';
import { renderRichText } from './rich-text.ts';
import { sectorMixInWords } from '../domain/structure-map.ts';
import { formatValue } from '../domain/target-status.ts';
import { financialYearLabel } from '../domain/periods.ts';
import { paginationOf } from './pagination.ts';

const require = createRequire(import.meta.url);

export const govukFrontendPath = path.dirname(require.resolve('govuk-frontend/package.json'));

/** Where templates are found: the shared layout, each module's own views, GOV.UK Frontend. */
export function templatePaths(moduleViewDirectories: string[]): string[] {
  return [
    path.resolve(import.meta.dirname, '../views'),
    ...moduleViewDirectories,
    path.join(govukFrontendPath, 'dist'),
  ];
}

export function configureNunjucks(env: nunjucks.Environment): void {
  env.addFilter('date', (value: string | null | undefined) => formatDate(value));
  env.addFilter('dateTime', (value: string | null | undefined) => formatDateTime(value));
  env.addFilter('richText', (value: string | null | undefined) => renderRichText(value));
  env.addFilter('sectorWords', sectorMixInWords);
  env.addFilter('yesNo', (value: unknown) => (value ? 'Yes' : 'No'));
  env.addFilter(
    'plural',
    (count: number, singular: string, plural?: string) =>
      `${count} ${count === 1 ? singular : (plural ?? singular + 's')}`,
  );
  /** A figure as the dashboard shows it: "12,345.5"; blank stays blank. */
  env.addFilter('figure', (value: number | null | undefined) =>
    value === null || value === undefined ? '' : formatValue(value),
  );
  /**
   * Breadcrumb items, leaving out those not given: `crumbs(first, second if parent)`.
   * (In a template, `[a] + [b]` joins two lists as text, not as a list.)
   */
  env.addGlobal('crumbs', (...items: unknown[]) => items.filter(Boolean));
  /** Settings for govukPagination: `govukPagination(pagination(page, pageCount, "/list?", "More things"))`. */
  env.addGlobal('pagination', paginationOf);
  /** A financial year by its starting year: 2008 → "2008/09". */
  env.addFilter('financialYear', (year: number) => financialYearLabel(year));
  /** Whole pence as pounds: 125050 → "£1,250.50". */
  env.addFilter('pounds', (pence: number | null | undefined) =>
    pence === null || pence === undefined ? '' : formatPounds(pence),
  );
  env.addFilter('percent', (value: number) => `${Math.round(value * 100)}%`);
  /** Turn a list of {value,text} into GOV.UK select/radios items with the current value selected. */
  env.addFilter(
    'withSelected',
    (
      items: { value: string | number; text: string }[],
      selected: unknown,
      key: 'selected' | 'checked' = 'selected',
    ) =>
      items.map((item) => ({
        ...item,
        [key]:
          selected !== undefined &&
          selected !== null &&
          (Array.isArray(selected)
            ? selected.map(String).includes(String(item.value))
            : String(selected) === String(item.value)),
      })),
  );
  /** Field error message for a GOV.UK macro, or false. */
  env.addFilter('fieldError', (errors: Record<string, string> | undefined, field: string) =>
    errors && errors[field] ? { text: errors[field] } : false,
  );
}

/**
 * The hash of GOV.UK's one inline script (it marks the body js-enabled), for the Content
 * Security Policy. A nonce alone is not enough: a page served from the public cache carries
 * the nonce of the request that built it, not of the request it is sent to.
 */
export function govukInlineScriptHash(): string {
  const template = fs.readFileSync(path.join(govukFrontendPath, 'dist/govuk/template.njk'), 'utf8');
  const script = /<script[^>]*>([^<]+)<\/script>/.exec(template)?.[1];
  if (!script) throw new Error('The GOV.UK template has no inline script to allow: check govuk-frontend');
  return `'sha256-${crypto.createHash('sha256').update(script).digest('base64')}'`;
}
