/**
 * The pure parts of `bench:web`: the baseline's page, seeded sampling of the pages to request, reading the
 * links a rendered page holds (its next page, its scripts), and summarising distributions. No I/O here, so
 * test/bench/web-bench.test.ts can check them.
 */

/** The baseline's page: `bytes` of plain HTML (20 KB by default, about what a rendered page of the site weighs). */
export function bareHtmlPage(bytes = 20 * 1024): string {
  const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head><body><main>';
  const tail = "</main></body></html>";
  const paragraph = '<p>A paragraph of a post, as long as a short one is, with a <a href="/trending">link</a> in it.</p>\n';
  const room = bytes - head.length - tail.length;
  if (room < 0) throw new RangeError(`a page needs at least ${head.length + tail.length} bytes`);
  const body = paragraph.repeat(Math.floor(room / paragraph.length));
  return head + body.padEnd(room, " ") + tail;
}

type Random = () => number;

/** `count` distinct items of `items` (all of them when there are fewer), drawn uniformly with `random`. */
export function sampleWithout<T>(items: readonly T[], count: number, random: Random): T[] {
  const pool = [...items];
  const n = Math.min(count, pool.length);
  // A partial Fisher–Yates shuffle: the first n places end up a uniform sample.
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

/** `items` in a random order (a copy). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  return sampleWithout(items, items.length, random);
}

/** The value at percentile `p` (0–100) of ascending `sorted` (nearest rank, as the load generator reports). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/** How many of `values` fall in each bucket [bounds[i], bounds[i + 1]), the last one open-ended. */
export function bucketCounts(values: readonly number[], bounds: readonly number[]): number[] {
  const counts = bounds.map(() => 0);
  for (const value of values) {
    let bucket = -1;
    for (let i = 0; i < bounds.length && value >= bounds[i]; i++) bucket = i;
    if (bucket >= 0) counts[bucket]++;
  }
  return counts;
}

/** Labels of `bucketCounts`' buckets: "0", "1–4", …, "300+". */
export function bucketLabels(bounds: readonly number[]): string[] {
  return bounds.map((low, i) => {
    const next = bounds[i + 1];
    if (next === undefined) return `${low}+`;
    return next - 1 === low ? String(low) : `${low}–${next - 1}`;
  });
}

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

function unescapeAttribute(value: string): string {
  return value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity]);
}

/** The path of a list page's "Next page" link (`rel="next"`), or null when it has none. */
export function nextPagePath(page: string): string | null {
  const match = /<a [^>]*rel="next" href="([^"]+)"/.exec(page);
  return match === null ? null : unescapeAttribute(match[1]);
}

/** The module scripts a page loads at start, in order. */
export function moduleScriptPaths(page: string): string[] {
  return [...page.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((match) => unescapeAttribute(match[1]));
}

/**
 * `count` picks of "which page of a list": page 1 with probability `firstShare`, else the next page when the
 * list has one. `pick` draws a list (e.g. a community by its Zipf weight).
 */
export function listPagePicks<L>(count: number, random: Random, pick: (random: Random) => L, firstShare: number): { list: L; page: 1 | 2 }[] {
  return Array.from({ length: count }, () => ({ list: pick(random), page: random() < firstShare ? 1 : 2 }));
}
