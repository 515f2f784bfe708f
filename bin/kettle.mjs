#!/usr/bin/env node
// Runs Kettle straight from its TypeScript sources, with no build step, so `npm start` works right after
// `npm install`. The sources are bundled with esbuild (≈ 0.1 s) into one plain JavaScript module and that
// is imported: running them through tsx's loader instead costs a loader thread and ≈ 45 MB of memory for
// the life of the process. Packages stay external and load from node_modules.
//
// The bundle is written beside src/node's modules because those resolve files relative to their own URL
// (the signature worker's bundle); it is written under a unique name and renamed, so processes starting
// together never read a half-written file.
import { renameSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

const entry = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const output = fileURLToPath(new URL("../src/node/.kettle.bundle.mjs", import.meta.url));
const temporary = `${output}.${process.pid}.${Date.now()}.tmp`;
buildSync({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", target: "node20", packages: "external", outfile: temporary, logLevel: "warning" });
renameSync(temporary, output);
await import(pathToFileURL(output).href);
