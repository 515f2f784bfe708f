/**
 * The browser scripts, bundled in memory with esbuild at start-up: one ES module per page entry plus shared
 * chunks (the signing library is loaded once and cached across pages), each named by its content hash so it
 * can be cached for a year, kept precompressed (gzip and brotli), and served with ETag revalidation.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, relative, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";
import { type Metafile, build } from "esbuild";

/** One file under /assets/. */
export interface ClientAsset {
  /** `/assets/<name>-<contenthash>.js` */
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly brotli: Buffer;
  /** The strong ETag of the uncompressed body, quoted; compressed answers carry it with `-gzip` / `-br` appended. */
  readonly etag: string;
}

/** What a page must load for one entry, and what that costs. */
export interface ClientEntry {
  readonly name: string;
  /** The entry's own file: the `<script type="module" src>`. */
  readonly path: string;
  /** Every file loaded at start: the entry first, then the chunks it imports statically, transitively (for modulepreload). */
  readonly files: readonly string[];
  /** Files loaded only through `import()`, with their own static imports, not already in `files`. */
  readonly dynamicFiles: readonly string[];
  /** Total sizes of `files`, uncompressed, gzipped and brotli-compressed. */
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
}

export interface ClientBundles {
  /** Every output file by its public path. */
  readonly assets: ReadonlyMap<string, ClientAsset>;
  readonly entries: Readonly<Record<string, ClientEntry>>;
}

/** Where the built files are served from. */
export const assetPathPrefix = "/assets/";

/** Browsers the bundles are written for: BigInt (which noble-curves needs) is ES2020. */
export const clientTarget = "es2020";

const entryNamePattern = /^[a-z0-9][a-z0-9-]*$/;
const contentTypes: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };
const immutableCacheControl = "public, max-age=31536000, immutable";
// esbuild never writes (write: false); it only needs an output directory to name the files.
const virtualOutputDirectory = "/kettle-client-assets";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

const builds = new Map<string, Promise<ClientBundles>>();

/**
 * Bundles the entries (name → absolute path of its .ts file), once per process for a given set: later calls
 * with the same entries share the first build. Entry names are kebab-case; they name the output files.
 */
export function buildClientBundles(entries: Readonly<Record<string, string>>): Promise<ClientBundles> {
  const key = JSON.stringify(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)));
  let pending = builds.get(key);
  if (pending === undefined) {
    pending = buildNow(entries);
    builds.set(key, pending);
    pending.catch(() => builds.delete(key));
  }
  return pending;
}

async function buildNow(entries: Readonly<Record<string, string>>): Promise<ClientBundles> {
  for (const name of Object.keys(entries)) {
    if (!entryNamePattern.test(name)) throw new RangeError(`client entry name "${name}" must be kebab-case (a-z, 0-9, -)`);
  }
  const workingDirectory = process.cwd();
  const result = await build({
    absWorkingDir: workingDirectory,
    entryPoints: Object.entries(entries).map(([out, path]) => ({ in: path, out })),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: clientTarget,
    minify: true,
    sourcemap: false,
    legalComments: "none",
    write: false,
    metafile: true,
    outdir: virtualOutputDirectory,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    logLevel: "silent",
  });
  const assets = new Map<string, ClientAsset>();
  await Promise.all(result.outputFiles.map(async (file) => {
    const asset = await createAsset(basename(file.path), Buffer.from(file.contents.buffer, file.contents.byteOffset, file.contents.byteLength));
    assets.set(asset.path, asset);
  }));
  // The metafile names each entry by its input path relative to the working directory; import() targets are entries there too.
  const names = new Map(Object.entries(entries).map(([name, path]) => [relative(workingDirectory, path).split(sep).join("/"), name]));
  const described = describeEntries(result.metafile, assets, names);
  const lost = Object.keys(entries).filter((name) => described[name] === undefined);
  if (lost.length > 0) throw new Error(`client entries missing from esbuild's output: ${lost.join(", ")}`);
  return { assets, entries: described };
}

async function createAsset(fileName: string, body: Buffer): Promise<ClientAsset> {
  const extension = fileName.slice(fileName.lastIndexOf("."));
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(body, { level: 9 }),
    brotliAsync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  ]);
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 22);
  return { path: assetPathPrefix + fileName, contentType: contentTypes[extension] ?? "application/octet-stream", body, gzip: gzipped, brotli, etag: `"${hash}"` };
}

/** Follows the metafile's import lists from each entry: static imports are loaded at start, dynamic ones later. */
function describeEntries(metafile: Metafile, assets: ReadonlyMap<string, ClientAsset>, names: ReadonlyMap<string, string>): Record<string, ClientEntry> {
  const outputs = new Map(Object.entries(metafile.outputs).map(([path, output]) => [assetPathPrefix + basename(path), output]));
  const closure = (start: readonly string[], kind: "import-statement" | "dynamic-import", seen: Set<string>): string[] => {
    const found: string[] = [];
    const visit = (path: string) => {
      for (const imported of outputs.get(path)?.imports ?? []) {
        const target = assetPathPrefix + basename(imported.path);
        if (imported.external || imported.kind !== kind || seen.has(target)) continue;
        seen.add(target);
        found.push(target);
        if (kind === "import-statement") visit(target);
      }
    };
    start.forEach(visit);
    return found;
  };
  const entries: Record<string, ClientEntry> = {};
  for (const [path, output] of outputs) {
    const name = output.entryPoint === undefined ? undefined : names.get(output.entryPoint);
    if (name === undefined || !path.endsWith(".js")) continue;
    const files = [path, ...closure([path], "import-statement", new Set([path]))];
    const seen = new Set(files);
    const dynamicRoots = closure(files, "dynamic-import", seen);
    const dynamicFiles = [...dynamicRoots, ...closure(dynamicRoots, "import-statement", seen)];
    const sum = (size: (asset: ClientAsset) => number) => files.reduce((total, file) => total + size(assets.get(file)!), 0);
    entries[name] = {
      name, path, files, dynamicFiles,
      rawBytes: sum((a) => a.body.length), gzipBytes: sum((a) => a.gzip.length), brotliBytes: sum((a) => a.brotli.length),
    };
  }
  return entries;
}

/** A content coding the assets are kept in. */
export type Encoding = "br" | "gzip" | "identity";

/** The best encoding the client accepts, brotli before gzip before none; `q=0` refuses one. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [token, ...parameters] = part.trim().toLowerCase().split(";");
    const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find((m) => m !== null);
    if (token !== "") accepted.set(token, q ? Number(q[1]) : 1);
  }
  const accepts = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (accepts("br")) return "br";
  if (accepts("gzip")) return "gzip";
  return "identity";
}

/** True when If-None-Match names this asset in any encoding (or is `*`). */
function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const bare = etag.slice(1, -1);
  return ifNoneMatch.split(",").some((tag) => {
    const value = tag.trim().replace(/^W\//, "");
    return value === "*" || value === etag || value === `"${bare}-gzip"` || value === `"${bare}-br"`;
  });
}

/**
 * Serves a GET or HEAD of a built asset: compressed as the client accepts, cached for a year (the name holds
 * the content hash), 304 when If-None-Match matches. Returns false, writing nothing, for any other request,
 * so the caller can serve the path otherwise (or answer 404).
 */
export function serveClientAsset(bundles: ClientBundles, request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const asset = bundles.assets.get((request.url ?? "").split("?")[0]);
  if (asset === undefined) return false;
  const encoding = chooseEncoding(request.headers["accept-encoding"]);
  const etag = encoding === "identity" ? asset.etag : `"${asset.etag.slice(1, -1)}-${encoding}"`;
  const headers: Record<string, string> = { "cache-control": immutableCacheControl, etag, vary: "accept-encoding", "x-content-type-options": "nosniff" };
  if (isNotModified(request.headers["if-none-match"], asset.etag)) {
    response.writeHead(304, headers).end();
    return true;
  }
  const body = encoding === "br" ? asset.brotli : encoding === "gzip" ? asset.gzip : asset.body;
  headers["content-type"] = asset.contentType;
  headers["content-length"] = String(body.length);
  if (encoding !== "identity") headers["content-encoding"] = encoding;
  response.writeHead(200, headers).end(request.method === "HEAD" ? undefined : body);
  return true;
}

/**
 * The shape the web app takes (`ClientAssets` in web-app.ts): each entry's files at start, and the server,
 * once the bundles are built. Building them (esbuild, then gzip and brotli at their best) takes a few
 * hundred milliseconds, which a node does not wait for before it answers JSON-RPC: the web app waits for
 * `ready` before its first page instead.
 */
export function createClientAssets(building: Promise<ClientBundles>): {
  readonly ready: Promise<void>;
  scriptPaths(entry: string): readonly string[];
  serve(request: IncomingMessage, response: ServerResponse): boolean;
} {
  let bundles: ClientBundles | null = null;
  const built = () => {
    if (bundles === null) throw new Error("the client scripts are not built yet");
    return bundles;
  };
  return {
    ready: building.then((value) => {
      bundles = value;
    }),
    scriptPaths: (entry) => {
      const found = built().entries[entry];
      if (found === undefined) throw new RangeError(`no client entry named "${entry}"`);
      return found.files;
    },
    serve: (request, response) => serveClientAsset(built(), request, response),
  };
}
