import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildTree,
  layoutStructureMap,
  neighbourhoodOf,
  renderStructureMapSvg,
  sectorColours,
  sectorLabels,
  sectorMixInWords,
  sectors,
  structureMapMetrics,
  wrapText,
  type MapPartnership,
  type PlacedNode,
  type Sector,
  type StructureLayout,
  type TreeNode,
} from './structure-map.ts';

// ---------------------------------------------------------------------------------------
// Fixtures and helpers

/**
 * assert.ok, always with a message: without one, node:assert re-reads the source file to
 * describe a failure, which hangs on a TypeScript file run through tsx.
 */
function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  assert.ok(value, message);
}

function seats(partial: Partial<Record<Sector, number>> = {}): Record<Sector, number> {
  return { public: 0, business: 0, voluntary_community: 0, faith: 0, resident_community: 0, ...partial };
}

function p(
  id: number,
  parentId: number | null,
  name: string,
  extra: Partial<MapPartnership> = {},
): MapPartnership {
  return {
    id,
    parentId,
    name,
    slug: `p-${id}`,
    status: 'active',
    statutory: false,
    sectorSeats: seats({ public: 1 }),
    ...extra,
  };
}

/** 1 board, 3 thematic partnerships, 3 sub-groups (one of them a sub-sub-group). */
function seven(): MapPartnership[] {
  return [
    p(1, null, 'Anytown Partnership Board'),
    p(2, 1, 'Safer Anytown', { statutory: true }),
    p(3, 1, "Children's Trust", { statutory: true }),
    p(4, 1, 'Economic Development'),
    p(5, 2, 'Youth offending'),
    p(6, 2, 'Domestic abuse'),
    p(7, 6, 'Refuge steering group'),
  ];
}

/** 1 board, 10 thematic partnerships and 109 sub-groups over two levels below them. */
function hundredAndTwenty(): MapPartnership[] {
  const list = [p(1, null, 'Anytown Partnership Board')];
  for (let t = 0; t < 10; t++) list.push(p(2 + t, 1, `Thematic partnership ${t + 1}`));
  for (let k = 0; k < 109; k++) {
    const theme = 2 + (k % 10);
    // The first sub-group of each theme (ids 12–21) has sub-sub-groups.
    const parentId = k >= 20 && k % 3 === 0 ? 12 + (k % 10) : theme;
    list.push(p(12 + k, parentId, `Sub-group ${k + 1} with a fairly long descriptive name`));
  }
  return list;
}

function overlaps(a: PlacedNode, b: PlacedNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function assertNoOverlaps(layout: StructureLayout): void {
  for (let i = 0; i < layout.nodes.length; i++) {
    for (let j = i + 1; j < layout.nodes.length; j++) {
      const a = layout.nodes[i] as PlacedNode;
      const b = layout.nodes[j] as PlacedNode;
      ok(!overlaps(a, b), `boxes ${a.id} and ${b.id} overlap`);
    }
  }
}

function assertInside(layout: StructureLayout): void {
  for (const n of layout.nodes) {
    ok(n.x >= 0 && n.y >= 0, `box ${n.id} has a negative coordinate`);
    ok(n.x + n.width <= layout.width, `box ${n.id} sticks out on the right`);
    ok(n.y + n.height <= layout.height, `box ${n.id} sticks out at the bottom`);
  }
  const { legend } = layout;
  ok(legend.x >= 0 && legend.y >= 0);
  ok(legend.y + legend.height <= layout.height, 'legend sticks out at the bottom');
  for (const item of legend.items) {
    ok(item.x >= 0 && item.x < layout.width && item.y + 14 <= layout.height);
  }
}

function assertFixedSize(layout: StructureLayout): void {
  for (const n of layout.nodes) {
    assert.equal(n.width, structureMapMetrics.boxWidth);
    assert.equal(n.height, structureMapMetrics.boxHeight);
  }
}

/** The corner points of an M/V/H path. */
function points(path: string): [number, number][] {
  const tokens = path.trim().split(/\s+/);
  const out: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < tokens.length;) {
    const command = tokens[i++];
    if (command === 'M') {
      x = Number(tokens[i++]);
      y = Number(tokens[i++]);
    } else if (command === 'V') {
      y = Number(tokens[i++]);
    } else if (command === 'H') {
      x = Number(tokens[i++]);
    } else {
      assert.fail(`unexpected path command ${command} in ${path}`);
    }
    ok(Number.isFinite(x) && Number.isFinite(y), `bad number in ${path}`);
    out.push([x, y]);
  }
  return out;
}

/** No connector runs through the inside of any box (touching an edge is fine). */
function assertLinksAvoidBoxes(layout: StructureLayout): void {
  for (const link of layout.links) {
    const corners = points(link.path);
    for (let i = 1; i < corners.length; i++) {
      const [x1, y1] = corners[i - 1] as [number, number];
      const [x2, y2] = corners[i] as [number, number];
      ok(x1 === x2 || y1 === y2, `diagonal segment in ${link.path}`);
      for (const n of layout.nodes) {
        const crossesX =
          x1 === x2
            ? n.x < x1 && x1 < n.x + n.width
            : Math.max(Math.min(x1, x2), n.x) < Math.min(Math.max(x1, x2), n.x + n.width);
        const crossesY =
          y1 === y2
            ? n.y < y1 && y1 < n.y + n.height
            : Math.max(Math.min(y1, y2), n.y) < Math.min(Math.max(y1, y2), n.y + n.height);
        ok(!(crossesX && crossesY), `link ${link.fromId}→${link.toId} runs through box ${n.id}`);
      }
      ok(x2 >= 0 && x2 <= layout.width && y2 >= 0 && y2 <= layout.height, 'link out of bounds');
    }
  }
}

/** Every partnership except the roots has exactly one link, from its parent, edge to edge. */
function assertLinksJoinParents(layout: StructureLayout, partnerships: MapPartnership[]): void {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const roots = layout.nodes.filter((n) => n.depth === 0);
  assert.equal(layout.links.length, layout.nodes.length - roots.length);
  for (const link of layout.links) {
    const child = partnerships.find((x) => x.id === link.toId);
    assert.equal(child?.parentId, link.fromId);
    const from = byId.get(link.fromId) as PlacedNode;
    const to = byId.get(link.toId) as PlacedNode;
    const corners = points(link.path);
    const [sx, sy] = corners[0] as [number, number];
    const [ex, ey] = corners[corners.length - 1] as [number, number];
    assert.equal(sy, from.y + from.height, 'a link starts at the bottom of its parent');
    ok(sx > from.x && sx < from.x + from.width);
    const endsOnTop = ey === to.y && ex > to.x && ex < to.x + to.width;
    const endsOnLeft = ex === to.x && ey > to.y && ey < to.y + to.height;
    ok(endsOnTop || endsOnLeft, `link ${link.fromId}→${link.toId} does not end on its child`);
  }
}

function assertReadable(layout: StructureLayout, partnerships: MapPartnership[]): void {
  assertNoOverlaps(layout);
  assertInside(layout);
  assertFixedSize(layout);
  assertLinksAvoidBoxes(layout);
  assertLinksJoinParents(layout, partnerships);
}

function nodeOf(layout: StructureLayout, id: number): PlacedNode {
  const node = layout.nodes.find((n) => n.id === id);
  ok(node, `no box for ${id}`);
  return node;
}

/** The markup of one partnership's link in the SVG. */
function boxMarkup(svg: string, slug: string): string {
  const start = svg.indexOf(`<a href="/partnerships/${slug}"`);
  ok(start >= 0, `no link to ${slug}`);
  return svg.slice(start, svg.indexOf('</a>', start) + 4);
}

/** Tags balance, no raw "<" in text, every "&" starts an entity. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(svg); match !== null; match = tag.exec(svg)) {
    const text = svg.slice(last, match.index);
    ok(!text.includes('<') && !text.includes('>'), `raw angle bracket in text: ${text}`);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = match;
    if (closing) assert.equal(stack.pop(), name, `mismatched </${name}>`);
    else if (!selfClosing) stack.push(name as string);
  }
  ok(!svg.slice(last).trim(), 'text after the root element');
  assert.deepEqual(stack, [], 'unclosed elements');
  ok(!/&(?!(amp|lt|gt|quot|#39);)/.test(svg), 'an unescaped ampersand');
}

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function ids(tree: TreeNode[]): unknown[] {
  return tree.map((n) => (n.children.length ? [n.partnership.id, ids(n.children)] : n.partnership.id));
}

// ---------------------------------------------------------------------------------------

describe('sectorMixInWords', () => {
  it('counts the seats and lists sectors largest first, abbreviated', () => {
    assert.equal(
      sectorMixInWords(seats({ public: 5, voluntary_community: 2, business: 1, faith: 1 })),
      '9 seats: 5 public, 2 VCS, 1 business, 1 faith',
    );
  });

  it('leaves out sectors without seats and says "seat" for one', () => {
    assert.equal(sectorMixInWords(seats({ resident_community: 1 })), '1 seat: 1 resident');
    assert.equal(sectorMixInWords(seats({ business: 3, faith: 0 })), '3 seats: 3 business');
  });

  it('keeps the usual sector order between equal counts', () => {
    assert.equal(
      sectorMixInWords(
        seats({ resident_community: 2, faith: 2, voluntary_community: 2, business: 2, public: 2 }),
      ),
      '10 seats: 2 public, 2 business, 2 VCS, 2 faith, 2 residents',
    );
  });

  it('says "No current seats" when every sector is zero', () => {
    assert.equal(sectorMixInWords(seats()), 'No current seats');
  });

  it('treats negative, fractional, missing and non-numeric counts safely', () => {
    const odd = { public: -3, business: Number.NaN, faith: 2.7 } as unknown as Record<Sector, number>;
    assert.equal(sectorMixInWords(odd), '2 seats: 2 faith');
    assert.equal(sectorMixInWords({} as Record<Sector, number>), 'No current seats');
  });
});

describe('wrapText', () => {
  it('wraps at spaces and keeps short text on one line', () => {
    assert.deepEqual(wrapText('Health and Wellbeing', 30, 2), {
      lines: ['Health and Wellbeing'],
      truncated: false,
    });
    assert.deepEqual(wrapText('one two three', 7, 3).lines, ['one two', 'three']);
  });

  it('ends the last line with an ellipsis when cut short', () => {
    const { lines, truncated } = wrapText('alpha beta gamma delta epsilon zeta eta theta', 12, 2);
    assert.equal(truncated, true);
    assert.equal(lines.length, 2);
    ok(lines[1]?.endsWith('…'));
    for (const line of lines) ok(Array.from(line).length <= 12);
  });

  it('breaks a word longer than a line', () => {
    const { lines } = wrapText('x'.repeat(45), 20, 3);
    assert.deepEqual(lines, ['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5)]);
  });

  it('breaks only where told to', () => {
    const { lines } = wrapText(
      '11 seats: 5 public, 2 business, 2 VCS, 1 faith, 1 resident',
      40,
      2,
      /(?<=,) /,
    );
    assert.deepEqual(lines, ['11 seats: 5 public, 2 business, 2 VCS,', '1 faith, 1 resident']);
  });
});

describe('buildTree', () => {
  it('nests children under parents, roots and children sorted by name, with depths', () => {
    const tree = buildTree(seven());
    assert.deepEqual(ids(tree), [[1, [3, 4, [2, [[6, [7]], 5]]]]]);
    const board = tree[0] as TreeNode;
    assert.equal(board.depth, 0);
    assert.equal(board.children[0]?.depth, 1);
    assert.equal(board.children[2]?.children[0]?.children[0]?.depth, 3);
  });

  it('does not depend on the order of the input', () => {
    assert.deepEqual(ids(buildTree([...seven()].reverse())), ids(buildTree(seven())));
  });

  it('sorts names naturally and ignoring case, then by id', () => {
    const tree = buildTree([
      p(1, null, 'group 10'),
      p(2, null, 'Group 9'),
      p(3, null, 'group 9'),
      p(4, null, 'Alpha'),
    ]);
    assert.deepEqual(ids(tree), [4, 2, 3, 1]);
  });

  it('makes a partnership whose parent is missing a root (an orphan)', () => {
    const tree = buildTree([p(1, null, 'Board'), p(2, 99, 'Orphan'), p(3, 2, 'Child of orphan')]);
    assert.deepEqual(ids(tree), [1, [2, [3]]]);
  });

  it('breaks loops of parent links by making their members roots, keeping what hangs off them', () => {
    const list = [
      p(1, 2, 'A'),
      p(2, 1, 'B'),
      p(3, 1, 'C under A'),
      p(4, 4, 'Own parent'),
      p(5, 7, 'X'),
      p(6, 5, 'Y'),
      p(7, 6, 'Z'),
      p(8, 7, 'Under Z'),
    ];
    const tree = buildTree(list);
    assert.deepEqual(ids(tree), [[1, [3]], 2, 4, 5, 6, [7, [8]]]);
    const all = tree.flatMap(function flat(n: TreeNode): number[] {
      return [n.partnership.id, ...n.children.flatMap(flat)];
    });
    assert.deepEqual(
      all.sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
  });

  it('draws a repeated id once', () => {
    const tree = buildTree([p(1, null, 'Board'), p(2, 1, 'First'), p(2, 1, 'Second copy')]);
    assert.deepEqual(ids(tree), [[1, [2]]]);
    assert.equal(tree[0]?.children[0]?.partnership.name, 'First');
  });

  it('copes with a very long chain without overflowing the stack', () => {
    const chain = Array.from({ length: 20000 }, (_, i) => p(i + 1, i === 0 ? null : i, `Level ${i}`));
    let node = buildTree(chain)[0];
    let depth = 0;
    while (node && node.children.length > 0) {
      node = node.children[0];
      depth++;
    }
    assert.equal(depth, 19999);
  });

  it('returns nothing for nothing', () => {
    assert.deepEqual(buildTree([]), []);
  });
});

describe('layoutStructureMap', () => {
  const m = structureMapMetrics;

  it('lays out an empty map as just the legend', () => {
    const layout = layoutStructureMap([]);
    assert.deepEqual(layout.nodes, []);
    assert.deepEqual(layout.links, []);
    assertInside(layout);
    assert.equal(layout.legend.items.length, 5);
  });

  it('centres a single partnership at the top', () => {
    const layout = layoutStructureMap([p(1, null, 'Board')]);
    assert.equal(layout.nodes.length, 1);
    const board = nodeOf(layout, 1);
    assert.equal(board.y, m.margin);
    ok(Math.abs(board.x + board.width / 2 - layout.width / 2) <= 1);
    assertReadable(layout, [p(1, null, 'Board')]);
  });

  it('puts the board on top, thematic partnerships in columns and sub-groups indented below', () => {
    const list = seven();
    const layout = layoutStructureMap(list);
    assertReadable(layout, list);
    const board = nodeOf(layout, 1);
    const heads = [3, 4, 2].map((id) => nodeOf(layout, id));
    // the board is centred over the columns and above them
    ok(Math.abs(board.x + board.width / 2 - layout.width / 2) <= 1);
    for (const head of heads) {
      assert.equal(head.y, heads[0]?.y);
      ok(head.y >= board.y + board.height + 24);
      assert.equal(head.depth, 1);
    }
    // columns left to right in name order
    ok((heads[0] as PlacedNode).x < (heads[1] as PlacedNode).x);
    ok((heads[1] as PlacedNode).x < (heads[2] as PlacedNode).x);
    // Safer Anytown's column: Domestic abuse, Refuge steering group, Youth offending
    const safer = nodeOf(layout, 2);
    const domestic = nodeOf(layout, 6);
    const refuge = nodeOf(layout, 7);
    const youth = nodeOf(layout, 5);
    assert.equal(domestic.x, safer.x + m.indent);
    assert.equal(refuge.x, domestic.x + m.indent);
    assert.equal(youth.x, safer.x + m.indent);
    ok(safer.y < domestic.y && domestic.y < refuge.y && refuge.y < youth.y);
    assert.equal(domestic.y, safer.y + m.boxHeight + m.stackGap);
    assert.deepEqual(
      [board, safer, domestic, refuge].map((n) => n.depth),
      [0, 1, 2, 3],
    );
  });

  it('joins sub-groups with elbow connectors that run down the left of the column', () => {
    const layout = layoutStructureMap(seven());
    const link = layout.links.find((l) => l.toId === 6);
    const safer = nodeOf(layout, 2);
    const domestic = nodeOf(layout, 6);
    assert.equal(
      link?.path,
      `M ${safer.x + m.indent / 2} ${safer.y + m.boxHeight} V ${domestic.y + m.boxHeight / 2} H ${domestic.x}`,
    );
  });

  it('wraps 10 thematic partnerships into rows of 4, 4 and 2 columns', () => {
    const list = [p(1, null, 'Board')];
    for (let t = 0; t < 10; t++) list.push(p(2 + t, 1, `Theme ${String(t).padStart(2, '0')}`));
    // Theme 01 has a tall column, which pushes the second row down
    for (let s = 0; s < 5; s++) list.push(p(100 + s, 3, `Sub ${s}`));
    const layout = layoutStructureMap(list);
    assertReadable(layout, list);
    const heads = layout.nodes.filter((n) => n.depth === 1);
    const rows = [...new Set(heads.map((h) => h.y))].sort((a, b) => a - b);
    assert.equal(rows.length, 3);
    assert.deepEqual(
      rows.map((y) => heads.filter((h) => h.y === y).length),
      [4, 4, 2],
    );
    // every row starts below the bottom of everything in the row above
    const firstRowBottom = Math.max(
      ...layout.nodes.filter((n) => n.depth > 0 && n.y < (rows[1] as number)).map((n) => n.y + n.height),
    );
    assert.equal(firstRowBottom, nodeOf(layout, 104).y + m.boxHeight);
    ok((rows[1] as number) >= firstRowBottom + 24);
    // the columns of the second row line up under those of the first
    assert.deepEqual(
      heads.filter((h) => h.y === rows[1]).map((h) => h.x),
      heads.filter((h) => h.y === rows[0]).map((h) => h.x),
    );
    // the board still links to the heads of the later rows
    assert.equal(layout.links.filter((l) => l.fromId === 1).length, 10);
  });

  it('honours maxColumns and ignores nonsense values', () => {
    const list = seven();
    const two = layoutStructureMap(list, { maxColumns: 2 });
    assertReadable(two, list);
    assert.equal(new Set(two.nodes.filter((n) => n.depth === 1).map((n) => n.y)).size, 2);
    ok(two.width < layoutStructureMap(list).width);
    const one = layoutStructureMap(list, { maxColumns: 1 });
    assertReadable(one, list);
    assert.equal(new Set(one.nodes.filter((n) => n.depth === 1).map((n) => n.x)).size, 1);
    for (const maxColumns of [0, -3, 1.7]) {
      assert.deepEqual(
        layoutStructureMap(list, { maxColumns }),
        one,
        `maxColumns ${maxColumns} gives one column`,
      );
    }
    for (const maxColumns of [Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.deepEqual(layoutStructureMap(list, { maxColumns }), layoutStructureMap(list), 'the default');
    }
  });

  it('keeps 120 partnerships readable: fixed-size boxes, no overlaps, at most 4 columns wide', () => {
    const list = hundredAndTwenty();
    const layout = layoutStructureMap(list);
    assert.equal(layout.nodes.length, 120);
    assertReadable(layout, list);
    ok(layout.width <= 1200, `width ${layout.width}`);
    ok(layout.height > 3 * 10 * m.boxHeight, 'the map grows downwards instead');
    ok(Math.max(...layout.nodes.map((n) => n.depth)) === 3);
    const heads = layout.nodes.filter((n) => n.depth === 1);
    assert.equal(new Set(heads.map((h) => h.y)).size, 3);
    assert.equal(new Set(heads.map((h) => h.x)).size, 4);
  });

  it('does not get wider as partnerships are added', () => {
    const all = hundredAndTwenty();
    const forty = all.filter((x) => x.id <= 40);
    const wide = layoutStructureMap(all);
    const narrow = layoutStructureMap(forty);
    assertReadable(narrow, forty);
    assert.equal(wide.width, narrow.width);
    ok(wide.height > narrow.height);
  });

  it('bounds the width by maxColumns columns however deep the sub-groups go', () => {
    const list = hundredAndTwenty();
    // a chain five levels deep under thematic partnership 2
    for (let i = 0; i < 5; i++) list.push(p(500 + i, i === 0 ? 2 : 499 + i, `Deep ${i}`));
    for (const maxColumns of [1, 3, 4, 6]) {
      const layout = layoutStructureMap(list, { maxColumns });
      assertReadable(layout, list);
      const column = m.boxWidth + 5 * m.indent;
      ok(layout.width <= 2 * m.margin + maxColumns * column + (maxColumns - 1) * m.columnGap);
    }
  });

  it('lays out several roots (orphans, loops, loose groups) without overlaps', () => {
    const list = [
      ...seven(),
      p(20, 999, 'Orphan with children'),
      p(21, 20, 'Orphan child'),
      p(30, 31, 'Loop A'),
      p(31, 30, 'Loop B'),
      p(32, 30, 'Hangs off loop A'),
      ...Array.from({ length: 9 }, (_, i) => p(40 + i, 998, `Loose ${i}`)),
    ];
    const layout = layoutStructureMap(list);
    assert.equal(layout.nodes.length, list.length);
    assertNoOverlaps(layout);
    assertInside(layout);
    assertFixedSize(layout);
    assertLinksAvoidBoxes(layout);
    ok(layout.width <= 1200);
  });

  it('puts the legend below every box', () => {
    const layout = layoutStructureMap(hundredAndTwenty());
    const lowest = Math.max(...layout.nodes.map((n) => n.y + n.height));
    ok(layout.legend.y >= lowest + 24);
    assert.deepEqual(
      layout.legend.items.map((i) => i.sector),
      [...sectors],
    );
  });

  it('is deterministic', () => {
    assert.deepEqual(
      layoutStructureMap(hundredAndTwenty()),
      layoutStructureMap(hundredAndTwenty().reverse()),
    );
  });
});

describe('neighbourhoodOf', () => {
  // Board 1 → Safer 2 (→ Domestic 6 → Refuge 7 → Refuge sub 8; Youth 5), Children 3 (→ Early help 9), Econ 4
  const list = [...seven(), p(8, 7, 'Refuge sub-group'), p(9, 3, 'Early help')];
  const idsOf = (subset: MapPartnership[]): number[] => subset.map((x) => x.id);

  it('for a thematic partnership: the board as root, itself, its siblings, children and grandchildren', () => {
    const subset = neighbourhoodOf(list, 2);
    assert.deepEqual(idsOf(subset), [1, 3, 4, 2, 6, 7, 5]);
    assert.equal(subset.find((x) => x.id === 1)?.parentId, null);
    assert.equal(subset.find((x) => x.id === 7)?.parentId, 6);
    // great-grandchildren and the siblings' own sub-groups stay out
    ok(!idsOf(subset).includes(8));
    ok(!idsOf(subset).includes(9));
  });

  it('for a sub-group: its thematic partnership becomes the root', () => {
    const subset = neighbourhoodOf(list, 6);
    assert.deepEqual(idsOf(subset), [2, 6, 7, 8, 5]);
    assert.equal(subset[0]?.parentId, null);
    assert.equal(buildTree(subset).length, 1);
  });

  it('for the board: itself as root with its thematic partnerships and their sub-groups', () => {
    const subset = neighbourhoodOf(list, 1);
    assert.deepEqual(idsOf(subset), [1, 3, 9, 4, 2, 6, 5]);
  });

  it('for a partnership whose parent is missing: itself as the root', () => {
    const subset = neighbourhoodOf([...list, p(50, 404, 'Orphan'), p(51, 50, 'Orphan child')], 50);
    assert.deepEqual(idsOf(subset), [50, 51]);
    assert.equal(subset[0]?.parentId, null);
  });

  it('returns copies and leaves the input alone', () => {
    const before = structuredClone(list);
    const subset = neighbourhoodOf(list, 6);
    (subset[1] as MapPartnership).name = 'Changed';
    assert.deepEqual(list, before);
  });

  it('returns [] for an unknown id', () => {
    assert.deepEqual(neighbourhoodOf(list, 12345), []);
    assert.deepEqual(neighbourhoodOf([], 1), []);
  });

  it('draws as one tree with the partnership highlighted', () => {
    const svg = renderStructureMapSvg(neighbourhoodOf(list, 6), { highlightId: 6 });
    assert.equal(svg.match(/<a /g)?.length, 5);
    ok(boxMarkup(svg, 'p-6').includes('(this partnership)'));
    ok(svg.includes('5 partnerships: 1 board, 2 thematic partnerships, 2 sub-groups.'));
  });
});

describe('renderStructureMapSvg', () => {
  const twelve = (): MapPartnership[] => {
    const list = [p(1, null, 'Board')];
    for (let t = 0; t < 6; t++) list.push(p(2 + t, 1, `Theme ${t}`));
    for (let s = 0; s < 5; s++) list.push(p(8 + s, 2 + s, `Sub ${s}`));
    return list;
  };

  it('has the svg root with viewBox, size, role and accessible name and description', () => {
    const list = twelve();
    const svg = renderStructureMapSvg(list);
    const layout = layoutStructureMap(list);
    const { width: w, height: h } = layout;
    assert.match(
      svg,
      new RegExp(
        `^<svg xmlns="http://www.w3.org/2000/svg" class="structure-map" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="group" aria-labelledby="structure-map-all-title" aria-describedby="structure-map-all-desc" font-family="Arial, sans-serif">`,
      ),
    );
    ok(svg.includes('<title id="structure-map-all-title">Structure of the partnership</title>'));
    ok(
      svg.includes(
        '<desc id="structure-map-all-desc">12 partnerships: 1 board, 6 thematic partnerships, 5 sub-groups.</desc>',
      ),
    );
    ok(svg.endsWith('</svg>'));
    assertWellFormed(svg);
  });

  it('uses the given title and mentions statutory, merged or abolished and the highlighted partnership', () => {
    const list = seven();
    list.push(p(8, 1, 'Old forum', { status: 'abolished' }));
    const svg = renderStructureMapSvg(list, { title: 'How Anytown works together', highlightId: 6 });
    ok(svg.includes('>How Anytown works together</title>'));
    ok(
      svg.includes(
        '8 partnerships: 1 board, 4 thematic partnerships, 3 sub-groups. 2 statutory. 1 merged or abolished. This partnership: Domestic abuse.',
      ),
    );
    ok(renderStructureMapSvg([]).includes('No partnerships to show.'));
    ok(renderStructureMapSvg([p(1, null, 'Board')]).includes('1 partnership: 1 board.'));
  });

  it('makes ids unique per map so that two maps can share a page', () => {
    const idsIn = (svg: string): string[] => [...svg.matchAll(/ id="([^"]+)"/g)].map((x) => x[1] as string);
    const a = renderStructureMapSvg(seven(), { idSuffix: 1 });
    const b = renderStructureMapSvg(seven(), { idSuffix: 2 });
    const c = renderStructureMapSvg(seven(), { highlightId: 6 });
    assert.deepEqual(idsIn(a), ['structure-map-1-title', 'structure-map-1-desc']);
    assert.deepEqual(idsIn(c), ['structure-map-p6-title', 'structure-map-p6-desc']);
    assert.equal(new Set([...idsIn(a), ...idsIn(b), ...idsIn(c)]).size, 6);
    ok(a.includes('aria-labelledby="structure-map-1-title" aria-describedby="structure-map-1-desc"'));
    const odd = renderStructureMapSvg(seven(), { idSuffix: 'a b"<c>' });
    assert.deepEqual(idsIn(odd), ['structure-map-a-b--c--title', 'structure-map-a-b--c--desc']);
  });

  it('links every partnership to its page, once', () => {
    const list = hundredAndTwenty();
    const svg = renderStructureMapSvg(list);
    assert.equal(svg.match(/<a /g)?.length, 120);
    for (const x of list) assert.equal(svg.split(`<a href="/partnerships/${x.slug}"`).length, 2, x.slug);
    assertWellFormed(svg);
  });

  it('escapes hostile names, titles and slugs', () => {
    const hostile = `<script>alert("x")</script> & 'Friends' of the "Park"`;
    const list = [
      p(1, null, hostile, { slug: `"><script>alert(1)</script>` }),
      p(2, 1, 'Tom & Jerry <b>', { slug: 'tom-and-jerry' }),
      p(3, 1, 'Control\u0000chars\u0007 and \ud800 lone surrogate'),
    ];
    const svg = renderStructureMapSvg(list, { title: '</title><script>x</script>', highlightId: 1 });
    assertWellFormed(svg);
    ok(!/<script/i.test(svg));
    ok(svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Friends&#39;'));
    ok(svg.includes('&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>'));
    ok(svg.includes('Tom &amp; Jerry &lt;b&gt;'));
    ok(svg.includes(`href="/partnerships/${encodeURIComponent(`"><script>alert(1)</script>`)}"`));
    ok(!svg.includes('\u0000') && !svg.includes('\u0007') && !svg.includes('\ud800'));
  });

  it('uses no inline styles, only presentation attributes, in Arial with dark text', () => {
    const list = hundredAndTwenty();
    list.push(p(900, 1, 'Gone', { status: 'merged', statutory: true }));
    const svg = renderStructureMapSvg(list, { highlightId: 5 });
    ok(!/\sstyle=/.test(svg));
    ok(!svg.includes('<style'));
    ok(svg.includes('font-family="Arial, sans-serif"'));
    const textFills = new Set([...svg.matchAll(/<text[^>]* fill="([^"]+)"/g)].map((x) => x[1]));
    assert.deepEqual([...textFills], ['#0b0c0c']);
    const fontSizes = [...svg.matchAll(/font-size="(\d+)"/g)].map((x) => Number(x[1]));
    ok(Math.min(...fontSizes) >= 11, 'text never shrinks below 11px');
  });

  it('has enough contrast: text on every box fill, sector colours on white', () => {
    const svg = renderStructureMapSvg([...seven(), p(8, 1, 'Gone', { status: 'abolished' })]);
    const boxFills = new Set(
      [...svg.matchAll(/class="structure-map__box"[^>]* fill="([^"]+)"/g)].map((x) => x[1] as string),
    );
    assert.equal(boxFills.size, 2);
    for (const fill of boxFills) ok(contrast('#0b0c0c', fill) >= 4.5, fill);
    for (const sector of sectors) {
      ok(contrast(sectorColours[sector], '#ffffff') >= 3, `${sector} ${sectorColours[sector]}`);
    }
    assert.equal(new Set(Object.values(sectorColours)).size, 5);
  });

  it('shows a long name on at most two lines of about 30 characters, with the full name in a title', () => {
    const name =
      'Crime and Disorder Reduction Partnership Anti-social Behaviour and Night-time Economy Group';
    const svg = renderStructureMapSvg([p(1, null, name)]);
    const box = boxMarkup(svg, 'p-1');
    ok(box.includes(`<title>${name}</title>`));
    const nameLines = [...box.matchAll(/class="structure-map__name"[^>]*>([^<]*)</g)].map(
      (x) => x[1] as string,
    );
    assert.equal(nameLines.length, 2);
    for (const line of nameLines) ok(Array.from(line).length <= 30, line);
    ok(nameLines[1]?.endsWith('…'));
    assert.equal(nameLines[0], 'Crime and Disorder Reduction');
  });

  it('says the sector mix in words and draws a proportional bar with a title per segment', () => {
    const list = [
      p(1, null, 'Board', {
        sectorSeats: seats({ public: 5, voluntary_community: 2, business: 1, faith: 1 }),
      }),
    ];
    const svg = renderStructureMapSvg(list);
    const box = boxMarkup(svg, 'p-1');
    const words = [...box.matchAll(/class="structure-map__seats"[^>]*>([^<]*)</g)].map((x) => x[1]);
    assert.deepEqual(words, ['9 seats: 5 public, 2 VCS, 1 business,', '1 faith']);
    const segments = [
      ...box.matchAll(
        /<rect class="structure-map__bar[^"]*"[^>]* width="([\d.]+)"[^>]* fill="([^"]+)"[^>]*><title>([^<]+)<\/title>/g,
      ),
    ].map((x) => ({ width: Number(x[1]), fill: x[2], title: x[3] }));
    assert.deepEqual(
      segments.map((s) => s.title),
      ['Public sector: 5 seats', 'Business: 1 seat', 'Voluntary and community: 2 seats', 'Faith: 1 seat'],
    );
    assert.deepEqual(
      segments.map((s) => s.fill),
      [sectorColours.public, sectorColours.business, sectorColours.voluntary_community, sectorColours.faith],
    );
    const total = segments.reduce((sum, s) => sum + s.width, 0);
    ok(total <= structureMapMetrics.boxWidth && total > structureMapMetrics.boxWidth - 20);
    ok(Math.abs((segments[0] as { width: number }).width / total - 5 / 9) < 0.01);
    ok(Math.abs((segments[2] as { width: number }).width / total - 2 / 9) < 0.01);
    ok(!box.includes('Residents and community'), 'sectors without seats get no segment');
  });

  it('says "No current seats" for a partnership without seats', () => {
    const svg = renderStructureMapSvg([p(1, null, 'Empty', { sectorSeats: seats() })]);
    const box = boxMarkup(svg, 'p-1');
    ok(box.includes('>No current seats</text>'));
    ok(box.includes('<title>No current seats</title>'));
  });

  it('wraps a long sector mix between sectors, never inside one', () => {
    const all = seats({ public: 12, business: 11, voluntary_community: 10, faith: 9, resident_community: 8 });
    const box = boxMarkup(renderStructureMapSvg([p(1, null, 'Board', { sectorSeats: all })]), 'p-1');
    const lines = [...box.matchAll(/class="structure-map__seats"[^>]*>([^<]*)</g)].map((x) => x[1]);
    assert.deepEqual(lines, ['50 seats: 12 public, 11 business,', '10 VCS, 9 faith, 8 residents']);
  });

  it('marks statutory partnerships in words and with a thicker border', () => {
    const svg = renderStructureMapSvg(seven());
    const statutory = boxMarkup(svg, 'p-2');
    const plain = boxMarkup(svg, 'p-4');
    ok(statutory.includes('>Statutory</text>'));
    ok(statutory.includes('stroke-width="3"'));
    ok(statutory.includes('structure-map__node--statutory'));
    ok(!plain.includes('Statutory'));
    ok(plain.includes('stroke-width="1"'));
  });

  it('draws merged and abolished partnerships dashed and says so', () => {
    const list = [
      p(1, null, 'Board'),
      p(2, 1, 'Old forum', { status: 'abolished' }),
      p(3, 1, 'Merged group', { status: 'merged', statutory: true }),
    ];
    const svg = renderStructureMapSvg(list);
    const abolished = boxMarkup(svg, 'p-2');
    const merged = boxMarkup(svg, 'p-3');
    ok(abolished.includes('>Abolished</text>'));
    ok(abolished.includes('stroke-dasharray="6 4"'));
    ok(merged.includes('>Statutory · Merged</text>'));
    ok(merged.includes('stroke-dasharray="6 4"'));
    ok(!boxMarkup(svg, 'p-1').includes('stroke-dasharray'));
  });

  it('marks the highlighted partnership with a thick black border, bold name and words', () => {
    const svg = renderStructureMapSvg(seven(), { highlightId: 6 });
    const box = boxMarkup(svg, 'p-6');
    ok(box.startsWith('<a href="/partnerships/p-6" aria-current="page">'));
    ok(box.includes('stroke="#0b0c0c" stroke-width="4"'));
    ok(box.includes('font-weight="bold" fill="#0b0c0c">Domestic abuse</text>'));
    ok(box.includes('>(this partnership)</text>'));
    assert.equal(svg.split('(this partnership)').length, 2, 'only one box says so');
    assert.equal(svg.split('aria-current').length, 2);
    ok(!renderStructureMapSvg(seven()).includes('(this partnership)'));
    ok(!renderStructureMapSvg(seven(), { highlightId: 999 }).includes('(this partnership)'));
  });

  it('draws a connector for every parent link and a legend of all sectors', () => {
    const list = seven();
    const svg = renderStructureMapSvg(list);
    assert.equal(svg.match(/<path /g)?.length, 6);
    for (const sector of sectors) {
      ok(svg.includes(`>${sectorLabels[sector]}</text>`), sector);
      ok(svg.includes(`fill="${sectorColours[sector]}"`));
    }
    ok(svg.includes('>Seats by sector</text>'));
  });

  it('is deterministic', () => {
    assert.equal(
      renderStructureMapSvg(seven(), { highlightId: 2 }),
      renderStructureMapSvg(seven().reverse(), { highlightId: 2 }),
    );
  });
});
