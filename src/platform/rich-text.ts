import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Rich text (terms of reference, descriptions) is written in Markdown and kept safe:
 * the HTML it produces is sanitised to a small allow-list, so scripts, event handlers
 * and styles typed into a text box are never executed.
 */
export function renderRichText(markdown: string | null | undefined): string {
  if (!markdown) return '';
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false });
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'h3',
      'h4',
      'ul',
      'ol',
      'li',
      'strong',
      'em',
      'a',
      'blockquote',
      'br',
      'code',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ],
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['https', 'http', 'mailto'],
    transformTags: {
      // Rich text sits under the page's own h2 headings, so its headings start at h3.
      h1: sanitizeHtml.simpleTransform('h3', { class: 'govuk-heading-m' }),
      h2: sanitizeHtml.simpleTransform('h3', { class: 'govuk-heading-m' }),
      h3: sanitizeHtml.simpleTransform('h4', { class: 'govuk-heading-s' }),
      h4: sanitizeHtml.simpleTransform('h4', { class: 'govuk-heading-s' }),
      p: sanitizeHtml.simpleTransform('p', { class: 'govuk-body' }),
      a: sanitizeHtml.simpleTransform('a', { class: 'govuk-link' }),
      ul: sanitizeHtml.simpleTransform('ul', { class: 'govuk-list govuk-list--bullet' }),
      ol: sanitizeHtml.simpleTransform('ol', { class: 'govuk-list govuk-list--number' }),
    },
    allowedClasses: {
      p: ['govuk-body'],
      a: ['govuk-link'],
      ul: ['govuk-list', 'govuk-list--bullet'],
      ol: ['govuk-list', 'govuk-list--number'],
      h3: ['govuk-heading-m'],
      h4: ['govuk-heading-s'],
    },
  });
}
