import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The benchmarks' command line: `--name value` pairs, and `--name` alone (followed by another `--option`
 * or nothing) for "on".
 */
export function benchArgs(argv: readonly string[] = process.argv.slice(2)): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) args.set(name, "on");
    else {
      args.set(name, value);
      i++;
    }
  }
  return args;
}

/** The options bench:index and bench:web share: the data set, the measured window and the load. */
export interface IndexLoadArgs {
  readonly scale: number;
  readonly seed: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Where bench:index keeps its built index. */
  readonly dataDir: string;
  /** Whether the server and the load generator are pinned to a core each. */
  readonly pin: boolean;
  /** The one workload to run, when named. */
  readonly only: string | undefined;
}

export function indexLoadArgs(args: ReadonlyMap<string, string>): IndexLoadArgs {
  return {
    scale: Number(args.get("scale") ?? 1),
    seed: Number(args.get("seed") ?? 1),
    seconds: Number(args.get("seconds") ?? 10),
    warmupSeconds: Number(args.get("warmup") ?? 10),
    connections: Number(args.get("connections") ?? 10),
    dataDir: args.get("data") ?? join(tmpdir(), "kettle-bench-index"),
    pin: (args.get("pin") ?? "on") === "on",
    only: args.get("only"),
  };
}
