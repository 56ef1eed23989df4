/**
 * The GOV.UK pagination component's settings for page `page` of `pageCount`: the first and
 * last pages, the current page and those either side of it, and an ellipsis for each run
 * of skipped pages, as the design system asks for long lists. A single skipped page is
 * shown rather than replaced by an ellipsis.
 */
export interface PaginationItem {
  number?: number;
  href?: string;
  current?: boolean;
  ellipsis?: boolean;
}

export function paginationOf(
  page: number,
  pageCount: number,
  /** The address up to the page number, e.g. "/dashboard?" or "/dashboard?block=x&". */
  base: string,
  landmarkLabel: string,
) {
  const href = (n: number) => `${base}page=${n}`;
  const near = [1, page - 1, page, page + 1, pageCount].filter((n) => n >= 1 && n <= pageCount);
  const shown = [...new Set(near)].sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  let previous = 0;
  for (const n of shown) {
    if (n - previous === 2) items.push({ number: n - 1, href: href(n - 1), current: false });
    else if (n - previous > 2) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
    previous = n;
  }
  return {
    items,
    landmarkLabel,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pageCount ? { href: href(page + 1) } : undefined,
  };
}
