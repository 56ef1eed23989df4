/**
 * The structure map: the "partnership of partnerships" drawn as a server-rendered SVG.
 *
 * Pure: no I/O. The board sits centred at the top, each thematic partnership heads a
 * column, and sub-groups (and their sub-groups) are stacked in that column as an indented
 * tree joined by elbow connectors. Columns wrap into rows of at most `maxColumns`, so the
 * drawing grows downwards, never sideways, and text never shrinks: a map of 120
 * partnerships is as wide as a map of 12.
 *
 * Colour is never the only signal: every box says its sector mix in words, whether it is
 * statutory, merged or abolished, and whether it is the partnership whose page this is.
 * Only presentation attributes and classes are used (no inline `style`), so the markup
 * passes a strict Content-Security-Policy.
 */

import { sectorNames, sectors, type Sector } from './vocabulary.ts';

export { sectors, type Sector };

export interface MapPartnership {
  id: number;
  parentId: number | null;
  name: string;
  /** The link target is `/partnerships/${slug}`. */
  slug: string;
  status: 'active' | 'merged' | 'abolished';
  statutory: boolean;
  /** Count of current seats per sector. */
  sectorSeats: Record<Sector, number>;
}

export const sectorLabels: Record<Sector, string> = sectorNames;

/** The short words used in a box's sector-mix line ("5 public, 2 VCS"). */
export const sectorShortLabels: Record<Sector, string> = {
  public: 'public',
  business: 'business',
  voluntary_community: 'VCS',
  faith: 'faith',
  resident_community: 'residents',
};

/**
 * Fills for the sector-mix bar: hues from the Okabe–Ito colour-blind-safe palette,
 * darkened where needed so that each has at least 3:1 contrast against white.
 */
export const sectorColours: Record<Sector, string> = {
  public: '#1d70b8', // blue
  business: '#d55e00', // vermillion
  voluntary_community: '#007a5e', // bluish green
  faith: '#aa3377', // reddish purple
  resident_community: '#383f43', // near black
};

/** The fixed dimensions of the drawing, in px. Boxes never shrink. */
export const structureMapMetrics = {
  boxWidth: 240,
  boxHeight: 96,
  /** How far each level below a column's head is indented. */
  indent: 16,
  columnGap: 20,
  /** Vertical gap between boxes stacked in one column. */
  stackGap: 16,
  /** Vertical gap between the board and the first row of columns, and between rows. */
  rowGap: 40,
  /** Vertical gap between the drawings of two separate roots. */
  sectionGap: 48,
  margin: 24,
  legendGap: 32,
  defaultMaxColumns: 4,
} as const;

export const textColour = '#0b0c0c';
const boxFill = '#ffffff';
const inactiveBoxFill = '#f3f2f1';
const borderColour = '#505a5f';
const connectorColour = '#505a5f';
const emptyBarColour = '#b1b4b6';

/** Characters per line of a box's name (13px), and of its small text (11px). */
const nameCharsPerLine = 30;
const smallCharsPerLine = 40;

// ---------------------------------------------------------------------------------------
// Words

function seatCount(seats: Record<Sector, number> | undefined, sector: Sector): number {
  const value: unknown = seats?.[sector];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The sector mix in words, largest first: "9 seats: 5 public, 2 VCS, 1 business, 1 faith".
 * Sectors without seats are left out; "No current seats" when there are none.
 */
export function sectorMixInWords(seats: Record<Sector, number>): string {
  const counts = sectors
    .map((sector, order) => ({ sector, order, n: seatCount(seats, sector) }))
    .filter((c) => c.n > 0);
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  if (total === 0) return 'No current seats';
  counts.sort((a, b) => b.n - a.n || a.order - b.order);
  return `${plural(total, 'seat', 'seats')}: ${counts.map((c) => `${c.n} ${shortLabel(c.sector, c.n)}`).join(', ')}`;
}

/** "1 resident", "2 residents"; the other short labels read the same for any number. */
function shortLabel(sector: Sector, n: number): string {
  return sector === 'resident_community' && n === 1 ? 'resident' : sectorShortLabels[sector];
}

// ---------------------------------------------------------------------------------------
// Tree

export interface TreeNode {
  partnership: MapPartnership;
  /** 0 for a root (the board), 1 for a thematic partnership, 2+ for sub-groups. */
  depth: number;
  children: TreeNode[];
}

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

function byName(a: MapPartnership, b: MapPartnership): number {
  return collator.compare(a.name, b.name) || a.id - b.id;
}

/** Ids of the partnerships that sit on a loop of parent links (including their own parent). */
function idsOnCycles(byId: Map<number, MapPartnership>): Set<number> {
  const onCycle = new Set<number>();
  const done = new Set<number>();
  for (const start of byId.keys()) {
    if (done.has(start)) continue;
    const path: number[] = [];
    const indexInPath = new Map<number, number>();
    let current: number | undefined = start;
    while (current !== undefined && !done.has(current)) {
      const seenAt = indexInPath.get(current);
      if (seenAt !== undefined) {
        for (const id of path.slice(seenAt)) onCycle.add(id);
        break;
      }
      indexInPath.set(current, path.length);
      path.push(current);
      const parentId: number | null | undefined = byId.get(current)?.parentId;
      current = parentId === null || parentId === undefined || !byId.has(parentId) ? undefined : parentId;
    }
    for (const id of path) done.add(id);
  }
  return onCycle;
}

/**
 * The partnerships as a forest. Roots are partnerships without a parent, with a parent not
 * in the list, or on a loop of parent links (the loop is broken at every member, so it
 * never recurses for ever). Roots and children are sorted by name. A repeated id is drawn
 * once (its first occurrence).
 */
export function buildTree(partnerships: MapPartnership[]): TreeNode[] {
  const byId = new Map<number, MapPartnership>();
  for (const p of partnerships) if (!byId.has(p.id)) byId.set(p.id, p);
  const onCycle = idsOnCycles(byId);

  const roots: MapPartnership[] = [];
  const childrenOf = new Map<number, MapPartnership[]>();
  for (const p of byId.values()) {
    const parent = p.parentId === null || onCycle.has(p.id) ? undefined : byId.get(p.parentId);
    if (parent === undefined) {
      roots.push(p);
    } else {
      const siblings = childrenOf.get(parent.id);
      if (siblings) siblings.push(p);
      else childrenOf.set(parent.id, [p]);
    }
  }

  const toNode = (p: MapPartnership, depth: number): TreeNode => ({ partnership: p, depth, children: [] });
  const forest = roots.sort(byName).map((p) => toNode(p, 0));
  // Iterative, so that even a very long chain of sub-groups cannot overflow the stack.
  const pending = [...forest];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const kids = (childrenOf.get(node.partnership.id) ?? []).sort(byName);
    node.children = kids.map((k) => toNode(k, node.depth + 1));
    pending.push(...node.children);
  }
  return forest;
}

/** The nodes of a subtree in drawing order (depth first, children by name). */
function preorder(root: TreeNode): TreeNode[] {
  const out: TreeNode[] = [];
  const stack = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as TreeNode);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Neighbourhood

/**
 * The part of the structure to draw on one partnership's page: its parent (if any), the
 * partnership itself, its siblings, its children and its grandchildren. The parent (or,
 * without one, the partnership) becomes the root: its copy has `parentId: null`. Returned
 * in drawing order; [] for an unknown id.
 */
export function neighbourhoodOf(partnerships: MapPartnership[], id: number): MapPartnership[] {
  const parentOf = new Map<number, TreeNode | null>();
  let self: TreeNode | undefined;
  for (const root of buildTree(partnerships)) {
    parentOf.set(root.partnership.id, null);
    for (const node of preorder(root)) {
      for (const child of node.children) parentOf.set(child.partnership.id, node);
      if (node.partnership.id === id) self = node;
    }
  }
  if (self === undefined) return [];

  const parent = parentOf.get(id) ?? null;
  const copy = (p: MapPartnership, asRoot: boolean): MapPartnership =>
    asRoot ? { ...p, parentId: null } : { ...p };
  const selfAndBelow = (node: TreeNode): MapPartnership[] => [
    copy(node.partnership, parent === null),
    ...node.children.flatMap((child) => [
      copy(child.partnership, false),
      ...child.children.map((grandchild) => copy(grandchild.partnership, false)),
    ]),
  ];
  if (parent === null) return selfAndBelow(self);
  return [
    copy(parent.partnership, true),
    ...parent.children.flatMap((sibling) =>
      sibling === self ? selfAndBelow(sibling) : [copy(sibling.partnership, false)],
    ),
  ];
}

// ---------------------------------------------------------------------------------------
// Layout

export interface PlacedNode {
  id: number;
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
  partnership: MapPartnership;
}

export interface StructureLink {
  fromId: number;
  toId: number;
  /** SVG path data made of M, V and H commands only. */
  path: string;
}

export interface LegendItem {
  sector: Sector;
  label: string;
  colour: string;
  /** Top left of the colour swatch. */
  x: number;
  y: number;
}

export interface StructureLegend {
  x: number;
  y: number;
  width: number;
  height: number;
  items: LegendItem[];
}

export interface StructureLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  links: StructureLink[];
  legend: StructureLegend;
}

export interface StructureLayoutOptions {
  highlightId?: number;
  /** Thematic partnerships per row of columns; default 4. */
  maxColumns?: number;
}

interface Column {
  entries: { node: TreeNode; level: number }[];
  height: number;
}

type Section = { kind: 'tree'; root: TreeNode; columns: Column[] } | { kind: 'loose'; roots: TreeNode[] };

const legendHeading = 'Seats by sector';
const legendSwatch = 14;
const legendRowHeight = 22;
const legendItemGap = 20;
const legendFontSize = 12;

/** A generous estimate of the width of a line of Arial text. */
function estimateTextWidth(text: string, fontSize: number): number {
  return Math.ceil(Array.from(text).length * fontSize * 0.6);
}

function legendItemWidth(sector: Sector): number {
  return legendSwatch + 6 + estimateTextWidth(sectorLabels[sector], legendFontSize);
}

function columnOf(head: TreeNode): Column {
  const entries = preorder(head).map((node) => ({ node, level: node.depth - head.depth }));
  const { boxHeight, stackGap } = structureMapMetrics;
  return { entries, height: entries.length * boxHeight + (entries.length - 1) * stackGap };
}

function sectionsOf(forest: TreeNode[]): Section[] {
  const sections: Section[] = [];
  for (const root of forest) {
    if (root.children.length > 0) {
      sections.push({ kind: 'tree', root, columns: root.children.map(columnOf) });
    } else {
      const last = sections[sections.length - 1];
      if (last?.kind === 'loose') last.roots.push(root);
      else sections.push({ kind: 'loose', roots: [root] });
    }
  }
  return sections;
}

function columnWidthOf(section: Section & { kind: 'tree' }): number {
  const deepest = Math.max(...section.columns.flatMap((c) => c.entries.map((e) => e.level)));
  return structureMapMetrics.boxWidth + structureMapMetrics.indent * deepest;
}

function widthOf(section: Section, maxColumns: number): number {
  const { boxWidth, columnGap } = structureMapMetrics;
  if (section.kind === 'loose') {
    const perRow = Math.min(maxColumns, section.roots.length);
    return perRow * boxWidth + (perRow - 1) * columnGap;
  }
  const perRow = Math.min(maxColumns, section.columns.length);
  return Math.max(boxWidth, perRow * columnWidthOf(section) + (perRow - 1) * columnGap);
}

function chunk<T>(items: T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}

function place(node: TreeNode, x: number, y: number): PlacedNode {
  const { boxWidth: width, boxHeight: height } = structureMapMetrics;
  return { id: node.partnership.id, x, y, width, height, depth: node.depth, partnership: node.partnership };
}

/**
 * Where every box, connector and the legend go. Boxes have a fixed size; the map grows
 * downwards as partnerships are added, and is at most `maxColumns` columns wide.
 */
export function layoutStructureMap(
  partnerships: MapPartnership[],
  options: StructureLayoutOptions = {},
): StructureLayout {
  const m = structureMapMetrics;
  const maxColumns =
    options.maxColumns !== undefined && Number.isFinite(options.maxColumns)
      ? Math.max(1, Math.floor(options.maxColumns))
      : m.defaultMaxColumns;
  const sections = sectionsOf(buildTree(partnerships));
  const widths = sections.map((s) => widthOf(s, maxColumns));
  const widestLegendItem = Math.max(...sectors.map(legendItemWidth));
  const contentWidth = Math.max(widestLegendItem, ...widths);

  const nodes: PlacedNode[] = [];
  const links: StructureLink[] = [];
  const placed = new Map<number, PlacedNode>();
  const add = (node: TreeNode, x: number, y: number): PlacedNode => {
    const box = place(node, x, y);
    nodes.push(box);
    placed.set(box.id, box);
    return box;
  };

  let top = m.margin;
  let bottom = m.margin;
  sections.forEach((section, index) => {
    const sectionWidth = widths[index] ?? 0;
    const left = m.margin + Math.round((contentWidth - sectionWidth) / 2);
    if (section.kind === 'loose') {
      chunk(section.roots, maxColumns).forEach((row, r) => {
        row.forEach((root, c) =>
          add(root, left + c * (m.boxWidth + m.columnGap), top + r * (m.boxHeight + m.stackGap)),
        );
      });
      const rows = Math.ceil(section.roots.length / maxColumns);
      bottom = top + rows * m.boxHeight + (rows - 1) * m.stackGap;
    } else {
      const root = add(section.root, left + Math.round((sectionWidth - m.boxWidth) / 2), top);
      const rootX = root.x + m.boxWidth / 2;
      const rootBottom = root.y + m.boxHeight;
      const firstBus = rootBottom + m.rowGap / 2;
      const gutter = left - m.margin / 2;
      const columnWidth = columnWidthOf(section);
      let rowTop = rootBottom + m.rowGap;
      chunk(section.columns, maxColumns).forEach((row, r) => {
        const bus = rowTop - m.rowGap / 2;
        row.forEach((column, c) => {
          const columnX = left + c * (columnWidth + m.columnGap);
          column.entries.forEach(({ node, level }, i) => {
            const box = add(node, columnX + level * m.indent, rowTop + i * (m.boxHeight + m.stackGap));
            if (level === 0) {
              const headX = box.x + m.boxWidth / 2;
              const path =
                r === 0
                  ? `M ${rootX} ${rootBottom} V ${bus} H ${headX} V ${box.y}`
                  : `M ${rootX} ${rootBottom} V ${firstBus} H ${gutter} V ${bus} H ${headX} V ${box.y}`;
              links.push({ fromId: root.id, toId: box.id, path });
            } else {
              const parentId = node.partnership.parentId;
              const parent = parentId === null ? undefined : placed.get(parentId);
              if (parent) {
                const path = `M ${parent.x + m.indent / 2} ${parent.y + m.boxHeight} V ${box.y + m.boxHeight / 2} H ${box.x}`;
                links.push({ fromId: parent.id, toId: box.id, path });
              }
            }
          });
        });
        rowTop += Math.max(...row.map((column) => column.height)) + m.rowGap;
      });
      bottom = rowTop - m.rowGap;
    }
    top = bottom + m.sectionGap;
  });

  // The legend: a heading, then the sectors flowing left to right, wrapping to fit.
  const legendTop = nodes.length > 0 ? bottom + m.legendGap : m.margin;
  const items: LegendItem[] = [];
  let itemX = m.margin;
  let itemY = legendTop + legendRowHeight;
  for (const sector of sectors) {
    const w = legendItemWidth(sector);
    if (itemX > m.margin && itemX + w > m.margin + contentWidth) {
      itemX = m.margin;
      itemY += legendRowHeight;
    }
    items.push({ sector, label: sectorLabels[sector], colour: sectorColours[sector], x: itemX, y: itemY });
    itemX += w + legendItemGap;
  }
  const legendBottom = itemY + legendSwatch;
  const legend = { x: m.margin, y: legendTop, width: contentWidth, height: legendBottom - legendTop, items };

  return { width: contentWidth + 2 * m.margin, height: legendBottom + m.margin, nodes, links, legend };
}

// ---------------------------------------------------------------------------------------
// SVG

export interface StructureMapSvgOptions extends StructureLayoutOptions {
  /** The accessible name of the map; default "Structure of the partnership". */
  title?: string;
  /**
   * Makes the ids inside the SVG unique on a page showing more than one map (e.g. a
   * counter). Defaults to the highlighted partnership's id, or "all".
   */
  idSuffix?: string | number;
}

// Characters that are not allowed in XML 1.0 at all (controls, lone surrogates, U+FFFE/F).
const notXmlChars =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text made safe for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(notXmlChars, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Greedy word wrap into at most `maxLines` lines of at most `maxChars` characters; the last
 * line ends in "…" if cut short. Lines break only at the spaces matched by `breakAt`
 * (default: any space), or inside a word longer than a line.
 */
export function wrapText(
  text: string,
  maxChars: number,
  maxLines: number,
  breakAt: RegExp = / /,
): { lines: string[]; truncated: boolean } {
  const lines: string[] = [];
  let line: string[] = [];
  for (const word of oneLine(text).split(breakAt).filter(Boolean)) {
    const chars = Array.from(word);
    for (let start = 0; start < chars.length; start += maxChars) {
      const piece = chars.slice(start, start + maxChars);
      if (line.length > 0 && start === 0 && line.length + 1 + piece.length <= maxChars) {
        line.push(' ', ...piece);
      } else {
        if (line.length > 0) lines.push(line.join(''));
        line = piece;
      }
    }
  }
  if (line.length > 0) lines.push(line.join(''));
  if (lines.length <= maxLines) return { lines, truncated: false };
  const rest = Array.from(lines.slice(maxLines - 1).join(' '));
  const last =
    rest
      .slice(0, maxChars - 1)
      .join('')
      .trimEnd() + '…';
  return { lines: [...lines.slice(0, maxLines - 1), last], truncated: true };
}

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function attrs(attributes: Record<string, string | number | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join('');
}

function levelCounts(nodes: PlacedNode[]): string {
  const boards = nodes.filter((n) => n.depth === 0).length;
  const thematic = nodes.filter((n) => n.depth === 1).length;
  const subGroups = nodes.length - boards - thematic;
  const parts = [
    boards > 0 ? plural(boards, 'board', 'boards') : '',
    thematic > 0 ? plural(thematic, 'thematic partnership', 'thematic partnerships') : '',
    subGroups > 0 ? plural(subGroups, 'sub-group', 'sub-groups') : '',
  ].filter(Boolean);
  return `${plural(nodes.length, 'partnership', 'partnerships')}: ${parts.join(', ')}`;
}

/** The text alternative of the whole map ("12 partnerships: 1 board, 6 thematic …"). */
function describe(layout: StructureLayout, highlightId: number | undefined): string {
  if (layout.nodes.length === 0) return 'No partnerships to show.';
  const highlighted = layout.nodes.find((n) => n.id === highlightId);
  const statutory = layout.nodes.filter((n) => n.partnership.statutory).length;
  const inactive = layout.nodes.filter((n) => n.partnership.status !== 'active').length;
  return [
    `${levelCounts(layout.nodes)}.`,
    statutory > 0 ? `${statutory} statutory.` : '',
    inactive > 0 ? `${inactive} merged or abolished.` : '',
    highlighted ? `This partnership: ${oneLine(highlighted.partnership.name)}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function statusWord(status: MapPartnership['status']): string {
  return status === 'merged' ? 'Merged' : status === 'abolished' ? 'Abolished' : '';
}

function renderBar(node: PlacedNode): string {
  const x = node.x + 6;
  const width = node.width - 12;
  const y = node.y + node.height - 12;
  const height = 6;
  const seats = node.partnership.sectorSeats;
  const total = sectors.reduce((sum, s) => sum + seatCount(seats, s), 0);
  if (total === 0) {
    return `<rect${attrs({ class: 'structure-map__bar structure-map__bar--empty', x, y, width, height, fill: emptyBarColour })}><title>No current seats</title></rect>`;
  }
  let before = 0;
  return sectors
    .filter((sector) => seatCount(seats, sector) > 0)
    .map((sector) => {
      const n = seatCount(seats, sector);
      const segmentX = x + (before / total) * width;
      before += n;
      const segmentWidth = x + (before / total) * width - segmentX;
      return `<rect${attrs({
        class: `structure-map__bar structure-map__bar--${sector.replace(/_/g, '-')}`,
        x: segmentX,
        y,
        width: segmentWidth,
        height,
        fill: sectorColours[sector],
        stroke: boxFill,
        'stroke-width': 1,
      })}><title>${escapeXml(`${sectorLabels[sector]}: ${plural(n, 'seat', 'seats')}`)}</title></rect>`;
    })
    .join('');
}

function renderNode(node: PlacedNode, highlightId: number | undefined): string {
  const p = node.partnership;
  const current = p.id === highlightId;
  const inactive = p.status !== 'active';
  const name = oneLine(p.name);
  const nameLines = wrapText(name, nameCharsPerLine, 2);
  const flags = [p.statutory ? 'Statutory' : '', statusWord(p.status), current ? '(this partnership)' : '']
    .filter(Boolean)
    .join(' · ');
  const words = sectorMixInWords(p.sectorSeats);
  // Break only between sectors, never between a number and its sector.
  const wordLines = wrapText(words, smallCharsPerLine, 2, /(?<=,) /);

  const lines = [
    ...nameLines.lines.map((text) => ({ text, size: 13, cls: 'structure-map__name', bold: current })),
    ...(flags ? [{ text: flags, size: 11, cls: 'structure-map__flags', bold: false }] : []),
    ...wordLines.lines.map((text) => ({ text, size: 11, cls: 'structure-map__seats', bold: false })),
  ];
  let baseline = node.y + 6;
  let previousSize = 14;
  const texts = lines.map((line) => {
    baseline += previousSize === 13 ? 16 : 14;
    previousSize = line.size;
    return `<text${attrs({
      class: line.cls,
      x: node.x + 10,
      y: baseline,
      'font-size': line.size,
      'font-weight': line.bold ? 'bold' : undefined,
      fill: textColour,
    })}>${escapeXml(line.text)}</text>`;
  });

  const classes = ['structure-map__node', `structure-map__node--depth-${Math.min(node.depth, 3)}`];
  if (p.statutory) classes.push('structure-map__node--statutory');
  if (inactive) classes.push(`structure-map__node--${p.status}`);
  if (current) classes.push('structure-map__node--current');
  const box = `<rect${attrs({
    class: 'structure-map__box',
    x: node.x,
    y: node.y,
    width: node.width,
    height: node.height,
    rx: 2,
    fill: inactive ? inactiveBoxFill : boxFill,
    stroke: current ? textColour : borderColour,
    'stroke-width': current ? 4 : p.statutory ? 3 : 1,
    'stroke-dasharray': inactive ? '6 4' : undefined,
  })}/>`;
  const truncated = nameLines.truncated || wordLines.truncated;
  const desc = truncated ? `<desc>${escapeXml([flags, words].filter(Boolean).join('. '))}</desc>` : '';
  return (
    `<a${attrs({ href: `/partnerships/${encodeURIComponent(p.slug)}`, 'aria-current': current ? 'page' : undefined })}>` +
    `<g${attrs({ class: classes.join(' ') })}><title>${escapeXml(name)}</title>${desc}` +
    `${box}${texts.join('')}${renderBar(node)}</g></a>`
  );
}

function renderLegend(legend: StructureLegend): string {
  const items = legend.items.map(
    (item) =>
      `<rect${attrs({ x: item.x, y: item.y, width: legendSwatch, height: legendSwatch, fill: item.colour })}/>` +
      `<text${attrs({ x: item.x + legendSwatch + 6, y: item.y + 12, 'font-size': legendFontSize, fill: textColour })}>${escapeXml(item.label)}</text>`,
  );
  return (
    `<g class="structure-map__legend">` +
    `<text${attrs({ x: legend.x, y: legend.y + 12, 'font-size': legendFontSize, 'font-weight': 'bold', fill: textColour })}>${legendHeading}</text>` +
    `${items.join('')}</g>`
  );
}

function idSuffixFor(options: StructureMapSvgOptions): string {
  const raw =
    options.idSuffix !== undefined
      ? String(options.idSuffix)
      : options.highlightId !== undefined
        ? `p${options.highlightId}`
        : 'all';
  return raw.replace(/[^A-Za-z0-9_-]/g, '-') || 'all';
}

/**
 * The structure map as SVG markup, ready to put in a page. Every partnership links to its
 * page. The root element has role="group" rather than role="img": an image's children are
 * presentational, which would hide the links from screen readers.
 */
export function renderStructureMapSvg(
  partnerships: MapPartnership[],
  options: StructureMapSvgOptions = {},
): string {
  const layout = layoutStructureMap(partnerships, options);
  const suffix = idSuffixFor(options);
  const titleId = `structure-map-${suffix}-title`;
  const descId = `structure-map-${suffix}-desc`;
  const title = oneLine(options.title ?? '') || 'Structure of the partnership';
  const { width, height } = layout;
  return [
    `<svg${attrs({
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'structure-map',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'group',
      'aria-labelledby': titleId,
      'aria-describedby': descId,
      'font-family': 'Arial, sans-serif',
    })}>`,
    `<title id="${titleId}">${escapeXml(title)}</title>`,
    `<desc id="${descId}">${escapeXml(describe(layout, options.highlightId))}</desc>`,
    `<rect${attrs({ class: 'structure-map__background', x: 0, y: 0, width, height, fill: boxFill })}/>`,
    `<g${attrs({ class: 'structure-map__links', fill: 'none', stroke: connectorColour, 'stroke-width': 1.5 })}>`,
    ...layout.links.map((link) => `<path${attrs({ d: link.path })}/>`),
    `</g>`,
    `<g class="structure-map__nodes">`,
    ...layout.nodes.map((node) => renderNode(node, options.highlightId)),
    `</g>`,
    renderLegend(layout.legend),
    `</svg>`,
  ].join('\n');
}
