/**
 * `bench:web`'s pages: where bench:index keeps its index, which posts to request, and each page's first
 * view — every distinct page requested once, one at a time, before it is loaded: a check that it is served
 * and holds what it should, and the latency of a page whose caches are cold.
 */
import type { IndexDatabase } from "../src/index/db/database.ts";
import { postPath } from "../src/web/bridge-post.ts";
import type { PageRequest } from "./web-load.ts";
import { percentile, sampleWithout } from "./web-sample.ts";

/** A top-level post whose page is requested. */
export interface PagePost {
  readonly path: string;
  /** Replies at any depth (the post's `children`). */
  readonly children: number;
  /** Seconds before the index's head it was written. */
  readonly ageSeconds: number;
}

export interface SampledPosts {
  /** Half from the last 7 days, half from the 23 days before (fewer when the data set has fewer). */
  readonly sampled: readonly PagePost[];
  /** Every post of the 30 days with at least `largeReplies` replies. */
  readonly large: readonly PagePost[];
}

const day = 86_400;

/** Samples top-level posts of the index's last 30 days with `random`. */
export async function samplePosts(db: IndexDatabase, count: number, random: () => number, largeReplies: number): Promise<SampledPosts> {
  const head = (await db.get<{ block_time: number }>("SELECT block_time FROM index_state WHERE id = 1"))!.block_time;
  const rows = await db.all<{ author: string; permlink: string; category: string; children: number; created_at: number }>(
    "SELECT author, permlink, category, children, created_at FROM posts WHERE depth = 0 AND is_deleted = 0 AND created_at >= ? ORDER BY id",
    [head - 30 * day],
  );
  const posts = rows.map((row) => ({ path: postPath(row), children: row.children, ageSeconds: head - row.created_at }));
  const week = posts.filter((post) => post.ageSeconds < 7 * day);
  const older = posts.filter((post) => post.ageSeconds >= 7 * day);
  const sampled = [...sampleWithout(week, Math.ceil(count / 2), random), ...sampleWithout(older, Math.floor(count / 2), random)];
  return { sampled, large: posts.filter((post) => post.children >= largeReplies) };
}

/** What requesting each distinct page once, one at a time, found. */
export interface FirstViews {
  readonly pages: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanBytes: number;
  /** Pages that answered 404 (posts hidden by the API, e.g. for low ratings): left out of the load. */
  readonly notFound: readonly string[];
  /** Anything else that was not a 200 with the page's markup. */
  readonly errors: readonly string[];
  /** The requests to load with, without those that answered 404. */
  readonly requests: readonly PageRequest[];
  /** One page's HTML, to read its scripts from. */
  readonly samplePage: string;
}

const keyOf = (request: PageRequest) => `${request.observer ?? ""} ${request.path}`;

/** Requests each distinct page of `requests` once, in order, one at a time; each must hold `marker`. */
export async function firstViews(url: string, requests: readonly PageRequest[], marker: string): Promise<FirstViews> {
  const distinct = new Map(requests.map((request) => [keyOf(request), request]));
  const latencies: number[] = [];
  const notFound = new Set<string>();
  const errors: string[] = [];
  let bytes = 0;
  let samplePage = "";
  for (const [key, request] of distinct) {
    const started = performance.now();
    const response = await fetch(new URL(request.path, url), { headers: request.observer === undefined ? {} : { cookie: `kettle_user=${request.observer}` } });
    const page = await response.text();
    latencies.push(performance.now() - started);
    bytes += Buffer.byteLength(page);
    if (response.status === 404) notFound.add(key);
    else if (response.status !== 200 || !page.includes(marker)) errors.push(`HTTP ${response.status} for ${request.path}${page.includes(marker) ? "" : ` without ${marker}`}`);
    else if (samplePage === "") samplePage = page;
  }
  latencies.sort((a, b) => a - b);
  return {
    pages: distinct.size,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
    meanBytes: bytes / Math.max(1, distinct.size),
    notFound: [...notFound],
    errors,
    requests: requests.filter((request) => !notFound.has(keyOf(request))),
    samplePage,
  };
}
