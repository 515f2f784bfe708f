/**
 * What the browser scripts cost a page: the files a page loads at start (the "app" entry's and its view's
 * entries', each with the chunks it imports statically) and the chunks it may load on a first action
 * (`import()`: the signing library, the vote estimate…), in bytes as served — gzip and brotli.
 */
import type { ClientBundles } from "../src/web/client-bundle.ts";

export interface ScriptBytes {
  readonly files: number;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
}

/** The total size of these asset paths (each counted once). */
export function scriptBytes(bundles: ClientBundles, paths: Iterable<string>): ScriptBytes {
  let files = 0;
  let rawBytes = 0;
  let gzipBytes = 0;
  let brotliBytes = 0;
  for (const path of new Set(paths)) {
    const asset = bundles.assets.get(path);
    if (asset === undefined) throw new Error(`no built asset ${path}`);
    files++;
    rawBytes += asset.body.length;
    gzipBytes += asset.gzip.length;
    brotliBytes += asset.brotli.length;
  }
  return { files, rawBytes, gzipBytes, brotliBytes };
}

export interface PageScripts {
  /** The files loaded at start. */
  readonly start: ScriptBytes;
  /** The start files plus every chunk the page's entries may import later. */
  readonly withDynamic: ScriptBytes;
}

/** What a page loading `entries` (besides "app", always loaded) costs. */
export function pageScripts(bundles: ClientBundles, entries: readonly string[]): PageScripts {
  const names = ["app", ...entries.filter((name) => name !== "app")];
  const start = new Set<string>();
  const dynamic = new Set<string>();
  for (const name of names) {
    const entry = bundles.entries[name];
    if (entry === undefined) throw new Error(`no client entry ${name}`);
    for (const path of entry.files) start.add(path);
    for (const path of entry.dynamicFiles) dynamic.add(path);
  }
  return { start: scriptBytes(bundles, start), withDynamic: scriptBytes(bundles, [...start, ...dynamic]) };
}
