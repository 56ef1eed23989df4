/** A readable URL part from a name: "Children's Trust" → "childrens-trust". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug || 'item';
}

/** Words the site's own addresses use after a list (/organisations/new…): never a record's slug. */
const reserved = new Set(['new', 'edit', 'import', 'members']);

/** The first of slug, slug-2, slug-3… that is neither taken nor reserved. */
export async function uniqueSlug(name: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  const base = slugify(name);
  let candidate = base;
  for (let n = 2; reserved.has(candidate) || (await taken(candidate)); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** Whether a path segment could be a slug at all (anything else is a 404, not a query). */
export function isSlug(value: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 100;
}
