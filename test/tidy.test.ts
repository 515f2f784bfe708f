// Checks the house rules a compiler cannot: layers import one way, core/ and stdx/ stay pure, only cli/ talks to the console or the environment.
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";

const root = resolve(import.meta.dirname, "..");
const src = join(root, "src");

function listSources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listSources(path, out);
    else if (/\.(ts|mjs)$/.test(name) && !name.startsWith(".")) out.push(path);
  }
  return out;
}

const files = listSources(src).map((path) => ({ path, layer: relative(src, path).split("/")[0], text: readFileSync(path, "utf8"), isTest: path.endsWith(".test.ts") }));

/** Which layers each layer may import (besides itself). */
const allowed: Record<string, readonly string[]> = {
  stdx: [],
  core: ["stdx"],
  node: ["core", "stdx"],
  index: ["core", "stdx"],
  api: ["index", "core", "stdx"],
  web: ["api", "index", "core", "stdx"],
  cli: ["web", "api", "index", "node", "core", "stdx"],
};

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);
}

test("layers import only the layers below them", () => {
  const problems: string[] = [];
  for (const file of files) {
    for (const spec of importsOf(file.text)) {
      if (!spec.startsWith(".")) continue;
      const target = relative(src, resolve(dirname(file.path), spec)).split("/")[0];
      if (target === file.layer || target.startsWith("..")) continue;
      // A test beside the code may use the composition root's fixtures (the demo's seed post); the code itself may not.
      if (file.isTest && target === "cli") continue;
      if (!(allowed[file.layer] ?? []).includes(target)) problems.push(`${relative(root, file.path)} imports ${spec} (${file.layer} → ${target})`);
    }
  }
  assert.deepEqual(problems, []);
});

test("core/ and stdx/ are pure: no node: modules, clock, randomness, floats in math, or await", () => {
  const problems: string[] = [];
  for (const file of files.filter((f) => (f.layer === "core" || f.layer === "stdx") && !f.isTest)) {
    const name = relative(root, file.path);
    for (const spec of importsOf(file.text)) if (spec.startsWith("node:")) problems.push(`${name} imports ${spec}`);
    if (/\bDate\.now\(|new Date\(\)/.test(file.text)) problems.push(`${name} reads the clock`);
    if (/Math\.random\(/.test(file.text) && !name.endsWith("prng.ts")) problems.push(`${name} uses Math.random`);
    if (/\bawait\b|\basync\b/.test(file.text)) problems.push(`${name} is asynchronous`);
    if (/\bMath\.(pow|sqrt|log|exp|floor|ceil|round)\(/.test(file.text) && !/\/\/ float-ok/.test(file.text)) problems.push(`${name} uses floating-point Math`);
    if (/\bconsole\./.test(file.text)) problems.push(`${name} logs`);
  }
  assert.deepEqual(problems, []);
});

test("only cli/ writes to the console and reads the environment", () => {
  const problems: string[] = [];
  for (const file of files.filter((f) => f.layer !== "cli" && !f.isTest)) {
    const name = relative(root, file.path);
    if (/\bconsole\.(log|error|warn|info|debug)\(/.test(file.text)) problems.push(`${name} uses console`);
    if (/\bprocess\.env\b/.test(file.text)) problems.push(`${name} reads process.env`);
    if (/\bprocess\.argv\b/.test(file.text)) problems.push(`${name} reads process.argv`);
  }
  assert.deepEqual(problems, []);
});
