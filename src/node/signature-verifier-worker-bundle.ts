/**
 * The worker threads' code as one plain JavaScript file. Node 20 does not carry `--import tsx` into
 * worker threads, and registering tsx inside each worker costs every worker its own loader thread and
 * module graph (≈ 40 MB of RSS each). So the worker entry and what it imports are bundled once per
 * process with esbuild (the compiler tsx itself uses) and the workers load the bundle.
 */
import { buildSync } from "esbuild";
import { renameSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

let bundleUrl: URL | null = null;

/** Builds (once per process) and returns the bundled worker entry; it lives beside the sources so `secp256k1` resolves from node_modules. */
export function getSignatureVerifierWorkerUrl(): URL {
  if (bundleUrl !== null) return bundleUrl;
  const entry = fileURLToPath(new URL("./signature-verifier-worker.ts", import.meta.url));
  const output = fileURLToPath(new URL("./.signature-verifier-worker.bundle.mjs", import.meta.url));
  // Write under a unique name, then rename: concurrent processes (parallel tests) never read a half-written file.
  const temporary = `${output}.${process.pid}.${Date.now()}.tmp`;
  buildSync({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", target: "node20", outfile: temporary, external: ["secp256k1"], logLevel: "silent" });
  renameSync(temporary, output);
  bundleUrl = pathToFileURL(output);
  return bundleUrl;
}
