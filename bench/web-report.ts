/**
 * `bench:web`'s report: the pages sampled, a table of every page type under load next to the baseline, the
 * scripts each page ships, the server's memory, a verdict per target and the figures as one JSON line.
 */
import type { BuildRecord } from "./index-build.ts";
import type { GetLoadResult, PageRequest } from "./web-load.ts";
import type { FirstViews, SampledPosts } from "./web-pages.ts";
import { bucketCounts, bucketLabels, percentile } from "./web-sample.ts";
import type { PageScripts } from "./web-scripts.ts";

/** A page type under load: its requests and the markup each of its pages must hold. */
export interface PageWorkload {
  readonly name: string;
  readonly requests: readonly PageRequest[];
  readonly marker: string;
  /** Whether the issue's p99 and pages/s targets apply. */
  readonly targeted: boolean;
}

export interface Measured {
  readonly workload: PageWorkload;
  readonly first: FirstViews;
  readonly load: GetLoadResult;
}

export interface Report {
  readonly scale: number;
  readonly seed: number;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly pinned: boolean;
  readonly indexPath: string;
  readonly record: BuildRecord;
  readonly posts: SampledPosts;
  readonly observers: number;
  /** What the live blocks did (null: the head stood still). */
  readonly liveBlocks: string | null;
  readonly baseline: GetLoadResult;
  /** As the site serves: anonymous readers' pages kept per head. */
  readonly measured: readonly Measured[];
  /** The targeted page types from a site that renders every page (empty when not measured). */
  readonly uncached: readonly Measured[];
  /** Server memory after the run, MB. */
  readonly memory: { readonly rss: number; readonly peak: number };
  /** Per measured page type: the script paths its page loads and what they cost. */
  readonly scripts: ReadonlyMap<string, { readonly paths: readonly string[]; readonly cost: PageScripts }>;
  /** Per client entry: what a page loading "app" and it costs. */
  readonly entries: Readonly<Record<string, PageScripts>>;
}

/** The issue's targets. */
export const targets = { p99Ms: 20, pagesPerSecond: 2_000, scriptBytes: 60_000 } as const;

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "—");
const kb = (bytes: number) => fmt(bytes / 1000, 1);
const times = (n: number) => (Number.isFinite(n) ? `${n.toPrecision(2)}×` : "—");

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export function meetsLoadTargets(load: GetLoadResult): boolean {
  return load.p99Ms <= targets.p99Ms && load.requestsPerSecond >= targets.pagesPerSecond;
}

function postsSection(posts: SampledPosts): string {
  const bounds = [0, 1, 2, 5, 20, 100, 300];
  const describe = (list: readonly { children: number }[]) => {
    const replies = list.map((post) => post.children).sort((a, b) => a - b);
    const counts = bucketCounts(replies, bounds);
    const mean = replies.reduce((sum, n) => sum + n, 0) / Math.max(1, replies.length);
    return `${fmt(list.length)} posts; replies mean ${fmt(mean, 2)}, p50 ${fmt(percentile(replies, 50))}, p99 ${fmt(percentile(replies, 99))}, max ${fmt(replies[replies.length - 1] ?? 0)}; ` +
      `by replies: ${bucketLabels(bounds).map((label, i) => `${label}: ${fmt(counts[i])}`).join(", ")}`;
  };
  const week = posts.sampled.filter((post) => post.ageSeconds < 7 * 86_400).length;
  return `Sampled posts (${fmt(week)} of the last 7 days, ${fmt(posts.sampled.length - week)} of the 23 days before, requested in a seeded random order): ${describe(posts.sampled)}.\n` +
    `Threads measured apart (every top-level post of the 30 days with 100+ replies): ${describe(posts.large)}.`;
}

function loadTable(report: Report, measured: readonly Measured[]): string {
  const base = report.baseline;
  const rows: string[][] = [["bare node:http, fixed 20 KB page (baseline)", "1", "—", `${fmt(base.p50Ms, 2)} / ${fmt(base.p99Ms, 2)}`, fmt(base.requestsPerSecond), "1.0×", "1.0×", kb(base.meanResponseBytes), "", ""]];
  for (const { workload, first, load } of measured) {
    rows.push([
      workload.name, fmt(first.pages), `${fmt(first.p50Ms, 1)} / ${fmt(first.p99Ms, 1)}`, `${fmt(load.p50Ms, 2)} / ${fmt(load.p99Ms, 2)}`, fmt(load.requestsPerSecond),
      times(load.requestsPerSecond / base.requestsPerSecond), times(load.p99Ms / base.p99Ms), kb(load.meanResponseBytes),
      workload.targeted ? `p99 ≤ ${targets.p99Ms} ms, ≥ ${fmt(targets.pagesPerSecond)}/s` : "", workload.targeted ? (meetsLoadTargets(load) ? "✔" : "✘") : "",
    ]);
  }
  return table(["page type", "distinct pages", "first view p50 / p99 ms", "under load p50 / p99 ms", "pages/s", "pages/s × bare", "p99 × bare", "mean response kB", "target", ""], rows);
}

function scriptsTables(report: Report): string {
  const cells = (cost: PageScripts) => [
    fmt(cost.start.files), kb(cost.start.gzipBytes), kb(cost.start.brotliBytes), kb(cost.start.rawBytes), kb(cost.withDynamic.gzipBytes), kb(cost.withDynamic.brotliBytes),
    cost.start.gzipBytes <= targets.scriptBytes ? "✔" : "✘",
  ];
  const header = ["files at start", "gzip kB", "brotli kB", "raw kB", "+ dynamic chunks: gzip kB", "brotli kB", "≤ 60 kB gzip at start"];
  const pages = [...report.scripts].map(([name, { cost }]) => [name, ...cells(cost)]);
  const entries = Object.entries(report.entries).map(([name, cost]) => [name === "app" ? "app (every page)" : `app + ${name}`, ...cells(cost)]);
  return `${table(["page type (scripts read from the page served)", ...header], pages)}\n\n${table(["client entries (a page loading app and the entry)", ...header], entries)}`;
}

function verdicts(report: Report): string[] {
  const lines: string[] = [];
  const verdict = (measured: readonly Measured[], how: string) => {
    for (const { workload, load } of measured) {
      if (!workload.targeted) continue;
      const ok = meetsLoadTargets(load);
      lines.push(`${ok ? "✔ holds" : "✘ missed"}${how}: ${workload.name}: p99 ${fmt(load.p99Ms, 2)} ms (≤ ${targets.p99Ms}), ${fmt(load.requestsPerSecond)} pages/s (≥ ${fmt(targets.pagesPerSecond)}); ${times(load.requestsPerSecond / report.baseline.requestsPerSecond)} the baseline's rate`);
    }
  };
  verdict(report.measured, "");
  verdict(report.uncached, " without the page cache");
  const worstStart = Math.max(...Object.values(report.entries).map((cost) => cost.start.gzipBytes));
  const worstDynamic = Math.max(...Object.values(report.entries).map((cost) => cost.withDynamic.gzipBytes));
  lines.push(`${worstStart <= targets.scriptBytes ? "✔ holds" : "✘ missed"}: JavaScript per page at start ≤ 60 kB compressed: the heaviest page loads ${kb(worstStart)} kB gzip`);
  lines.push(`${worstDynamic <= targets.scriptBytes ? "✔ holds" : "✘ missed"} (not a target, for information): with the chunks a first action loads (signing…), the heaviest page reaches ${kb(worstDynamic)} kB gzip`);
  return lines;
}

const figuresOf = (measured: readonly Measured[]) =>
  measured.map(({ workload, first, load }) => ({ name: workload.name, first: { ...first, requests: undefined, samplePage: undefined, notFound: first.notFound.length }, load }));

/** Prints the report; true when a page failed (an error answer or a page without its markup). */
export function printReport(report: Report): boolean {
  const c = report.record.run.counts;
  const pin = report.pinned ? "server pinned to CPU 0, load generator to CPU 1" : "not pinned";
  console.log(`\n## bench:web — scale ${report.scale} (seed ${report.seed}): ${report.indexPath}`);
  const head = report.liveBlocks === null
    ? "the index's head stood still (no blocks arrived: per-head caches were never invalidated)"
    : `a block of the network's own pace (19 transactions: votes and replies on trending posts) was projected into the served copy every 3 s, moving the head — ${report.liveBlocks}`;
  console.log(`\nData set: ${fmt(report.record.rows.accounts ?? 0)} accounts, ${fmt(c.rootPosts)} posts + ${fmt(c.comments)} comments, ${fmt(c.votes)} votes; ${head}.`);
  console.log(`\n${postsSection(report.posts)}`);
  console.log(`\n### Under load: ${report.connections} keep-alive connections, ${report.warmupSeconds} s warm-up + ${report.seconds} s per page type; ${pin}; half the requests by one of ${report.observers} logged-in readers. The site as it serves: the pages of readers who are not logged in are kept until the head moves (page-cache.ts)\n`);
  console.log(loadTable(report, report.measured));
  console.log("\nFirst views: each distinct page requested once, one at a time, before its load (caches cold for that page; the index file may or may not be in the OS's cache).");
  if (report.uncached.length > 0) {
    console.log("\n### The same without the page cache: a second site process, measured after the first, that renders every page (its other caches — posts, cards, lists — as usual); same chain, same copy of the index, live blocks on\n");
    console.log(loadTable(report, report.uncached));
  }
  console.log("\n### JavaScript shipped per page (kB = 1,000 bytes, as served: gzip level 9, brotli quality 11)\n");
  console.log(scriptsTables(report));
  console.log(`\nServer memory after the run: RSS ${fmt(report.memory.rss)} MB, peak ${fmt(report.memory.peak)} MB (the site with its caches and the SQLite index's pages mapped; the chain runs in its own process).`);
  console.log("\n### Verdicts\n");
  for (const line of verdicts(report)) console.log(`- ${line}`);
  const errors: string[] = [];
  for (const { workload, first, load } of [...report.measured, ...report.uncached]) {
    if (load.errors > 0) errors.push(`${workload.name}: ${load.errors} errors under load, first: ${load.firstError}`);
    for (const error of first.errors.slice(0, 3)) errors.push(`${workload.name}: ${error}`);
    if (first.notFound.length > 0) console.log(`- note: ${workload.name}: ${first.notFound.length} of ${first.pages} pages answered 404 (hidden by the API) and were left out of the load`);
  }
  if (report.baseline.errors > 0) errors.push(`baseline: ${report.baseline.errors} errors, first: ${report.baseline.firstError}`);
  const figures = {
    scale: report.scale, seed: report.seed, connections: report.connections, seconds: report.seconds, warmupSeconds: report.warmupSeconds, pinned: report.pinned,
    baseline: report.baseline, pages: figuresOf(report.measured), uncached: figuresOf(report.uncached),
    scripts: Object.fromEntries(report.scripts), entries: report.entries, memory: report.memory, liveBlocks: report.liveBlocks, errors,
  };
  console.log(`\nJSON ${JSON.stringify(figures)}`);
  if (errors.length > 0) console.log(`\nFAILED:\n${errors.map((e) => `- ${e}`).join("\n")}`);
  return errors.length > 0;
}
