// A seeded mutation fuzzer: valid signed transactions of every applied operation, mutated as JSON, bytes and request text, thrown at a running node while its invariants are checked.
import { formatAppbaseTransaction, formatLegacyTransaction, parseAppbaseTransaction, parseLegacyTransaction } from "../../src/api/format/transaction-json.ts";
import { createMethodTable } from "../../src/api/methods/index.ts";
import { findMethod } from "../../src/api/methods/method-table.ts";
import { handleRpcText, routeRequest } from "../../src/api/rpc/dispatch.ts";
import { replayDataDir } from "../../src/cli/replay-command.ts";
import { getStateHash } from "../../src/core/chain/state-snapshot.ts";
import { decode, encode } from "../../src/core/encoding/codec.ts";
import { ChainError } from "../../src/core/errors.ts";
import { encodeTransaction, type SignedTransaction, signedTransactionSchema } from "../../src/core/protocol/transaction.ts";
import { bytesEqual, bytesToHex } from "../../src/stdx/bytes.ts";
import { createPrng } from "../../src/stdx/prng.ts";
import { type BaseSpec, createBaseSpecs, createUnsupportedOperations, setUpFuzzChain } from "./fuzz-base-transactions.ts";
import { findAuthorizationProblem, findSupplyProblem } from "./fuzz-invariants.ts";
import { addressPrefix, type Base, createMutant, type FuzzMode, type Mutant, type MutantSources } from "./fuzz-mutants.ts";
import { createUnsignedTransaction, signWith, startTestNode, type TestNode } from "./test-chain.ts";
import { pick, type Random } from "./transaction-mutations.ts";

export type { FuzzMode } from "./fuzz-mutants.ts";

export interface FuzzOptions {
  readonly seed: number;
  /** How many mutated transactions to send. */
  readonly count: number;
  /** Only these kinds of mutation (all by default). */
  readonly modes?: readonly FuzzMode[];
}

/** A broken invariant, with what it takes to reproduce it. */
export interface FuzzFailure {
  readonly kind: "internal_error" | "bad_response" | "exception" | "accepted_invalid" | "state_changed" | "supply" | "no_answer" | "replay";
  readonly mode: FuzzMode;
  readonly base: string;
  readonly mutations: readonly string[];
  /** The request text, transaction JSON or transaction bytes (hex), cut at 4,000 characters. */
  readonly input: string;
  detail: string;
}

export interface FuzzReport {
  readonly seed: number;
  readonly sent: number;
  readonly byMode: Readonly<Record<FuzzMode, number>>;
  /** Per mode, how often each refusal (data.name or ChainError code) and each kind of acceptance happened. */
  readonly outcomes: Readonly<Record<FuzzMode, Readonly<Record<string, number>>>>;
  /** Windows whose state hash was compared before and after (no block produced, nothing accepted). */
  readonly stateChecks: number;
  /** Mutants not sent because they would exceed the transaction size limit (see the oversized-transaction bug). */
  readonly skippedOversized: number;
  readonly elapsedMs: number;
  readonly failures: readonly FuzzFailure[];
}

type ModeTable = readonly { readonly mode: FuzzMode; readonly weight: number; readonly window: number }[];

/** Mode, chance and window size: windows of one mode keep accepted (re-signed) transactions out of the others. */
const modes: ModeTable = [
  { mode: "legacy_json", weight: 50, window: 500 },
  { mode: "appbase_json", weight: 10, window: 500 },
  { mode: "resigned_json", weight: 10, window: 100 },
  { mode: "bytes", weight: 22, window: 500 },
  { mode: "request_text", weight: 8, window: 250 },
];
const failuresKeptMax = 50;
const inputCharsMax = 4_000;
/** Rebuild the base transactions once head block time is this close to their expiration. */
const refreshMarginSeconds = 600;
const windowTimeoutMs = 20_000;

/** Starts a dev node, sets up the chain, and sends `count` mutated transactions to it; never throws on a broken invariant, reports it. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const testNode = await startTestNode();
  try {
    const fuzzer = new Fuzzer(testNode, createPrng(options.seed), modes.filter((m) => options.modes?.includes(m.mode) ?? true));
    await fuzzer.setUp();
    await fuzzer.run(options.count);
    await testNode.running.close();
    fuzzer.checkReplay(testNode.dataDir);
    return { seed: options.seed, ...fuzzer.summary(), elapsedMs: performance.now() - started };
  } finally {
    await testNode.close();
  }
}

/** The seed and the first failures, for an assertion message. */
export function describeFuzzFailures(report: FuzzReport, shown = 5): string {
  const lines = [`fuzz seed ${report.seed}: ${report.failures.length} failure(s) in ${report.sent} mutated transactions`];
  for (const failure of report.failures.slice(0, shown)) {
    lines.push(`- ${failure.kind} [${failure.mode}, base ${failure.base}, mutations: ${failure.mutations.join("; ")}]: ${failure.detail}`, `  input: ${failure.input}`);
  }
  return lines.join("\n");
}

class Fuzzer {
  private readonly node;
  private readonly context;
  private readonly methods = createMethodTable();
  private bases: Base[] = [];
  private sources: MutantSources;
  private basesExpireAt = 0;
  private sent = 0;
  private stateChecks = 0;
  private skippedOversized = 0;
  private readonly byMode: Record<FuzzMode, number> = { legacy_json: 0, appbase_json: 0, resigned_json: 0, bytes: 0, request_text: 0 };
  private readonly outcomes: Record<FuzzMode, Record<string, number>> = { legacy_json: {}, appbase_json: {}, resigned_json: {}, bytes: {}, request_text: {} };
  private readonly failures: FuzzFailure[] = [];
  private reference: { hash: string; head: number } | null = null;
  /** Mutants answered with an internal error, to be run again outside the dispatcher for the exception's stack. */
  private internalErrors: Mutant[] = [];

  constructor(testNode: TestNode, private readonly random: Random, private readonly modes: ModeTable) {
    this.node = testNode.running.node;
    this.context = testNode.running.context;
    this.sources = { random, chainId: this.node.options.chainId, legacyDonors: [], appbaseDonors: [] };
  }

  async setUp(): Promise<void> {
    await setUpFuzzChain(this.node);
    const specs = createBaseSpecs(this.node);
    this.bases = specs.map((spec) => this.signBase(spec));
    for (const base of this.bases) {
      await this.node.submit(base.signed).catch((error: Error) => {
        throw new Error(`fuzzer set-up: base transaction "${base.label}" was refused: ${error.message}`);
      });
    }
    this.node.produceBlock();
    const donors = signWith(createUnsignedTransaction(this.node.state, [...specs.flatMap((s) => s.operations), ...createUnsupportedOperations(this.node.state.props.value.time)]), this.node.options.chainId, []);
    this.sources = {
      ...this.sources,
      legacyDonors: formatLegacyTransaction(donors, addressPrefix).operations as unknown[],
      appbaseDonors: formatAppbaseTransaction(donors, addressPrefix).operations as unknown[],
    };
    this.recordSupplyFailure("set-up");
  }

  private signBase(spec: BaseSpec): Base {
    const signed = signWith(createUnsignedTransaction(this.node.state, spec.operations, 3600), this.node.options.chainId, spec.secrets);
    this.basesExpireAt = signed.expiration;
    return {
      ...spec, signed, unsignedBytes: encodeTransaction(signed), signedBytes: encode(signedTransactionSchema, signed),
      legacy: formatLegacyTransaction(signed, addressPrefix), appbase: formatAppbaseTransaction(signed, addressPrefix),
    };
  }

  /** Re-signs the bases at the current head when they are about to expire; they are sent again but need not apply. */
  private async refreshBasesIfExpiring(): Promise<void> {
    if (this.node.state.props.value.time + refreshMarginSeconds < this.basesExpireAt) return;
    this.bases = this.bases.map((base) => this.signBase(base));
    await Promise.allSettled(this.bases.map((base) => this.node.submit(base.signed)));
    this.node.produceBlock();
  }

  async run(count: number): Promise<void> {
    while (this.sent < count) {
      await this.refreshBasesIfExpiring();
      const roll = this.random() * this.modes.reduce((sum, m) => sum + m.weight, 0);
      let acc = 0;
      const { mode, window } = this.modes.find((m) => (acc += m.weight) > roll) ?? this.modes[0];
      const mutants: Mutant[] = [];
      while (mutants.length < Math.min(window, count - this.sent)) {
        const mutant = createMutant(this.sources, mode, pick(this.random, this.bases), this.sent);
        if (mutant === null) this.skippedOversized++;
        else {
          mutants.push(mutant);
          this.sent++;
          this.byMode[mode]++;
        }
      }
      const accepted = await this.runWindow(mode, mutants);
      await this.checkWindow(accepted, mode, mutants);
      await this.explainInternalErrors();
      if (accepted > 0) this.node.produceBlock();
    }
  }

  summary() {
    return { sent: this.sent, byMode: { ...this.byMode }, outcomes: structuredClone(this.outcomes), stateChecks: this.stateChecks, skippedOversized: this.skippedOversized, failures: [...this.failures] };
  }

  /** Sends a window's mutants and records every outcome; returns how many were accepted. */
  private async runWindow(mode: FuzzMode, mutants: readonly Mutant[]): Promise<number> {
    let accepted = 0;
    const onAccepted = (mutant: Mutant, tx: SignedTransaction | null) => {
      accepted++;
      this.checkAccepted(mutant, tx);
    };
    const work = mode === "bytes"
      ? Promise.all(mutants.map((mutant) => this.sendBytes(mutant, onAccepted)))
      : mode === "request_text"
        ? Promise.all(mutants.map((mutant) => this.sendTexts([mutant], mutant.text!, onAccepted, true)))
        : this.sendTexts(mutants, `[${mutants.map((m) => m.text).join(",")}]`, onAccepted, false);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), windowTimeoutMs);
    });
    const result = await Promise.race([work, timeout]);
    clearTimeout(timer);
    if (result === "timeout") this.fail("no_answer", mutants[0], `a window of ${mutants.length} ${mode} mutants got no complete answer within ${windowTimeoutMs} ms`, mutants.map((m) => m.text ?? bytesToHex(m.bytes!)).join("\n"));
    return accepted;
  }

  private async sendBytes(mutant: Mutant, onAccepted: (mutant: Mutant, tx: SignedTransaction | null) => void): Promise<void> {
    let tx: SignedTransaction;
    try {
      tx = decode(signedTransactionSchema, mutant.bytes!);
    } catch (error) {
      this.recordError(mutant, error, "decode");
      return;
    }
    try {
      await this.node.submit(tx);
      onAccepted(mutant, tx);
    } catch (error) {
      this.recordError(mutant, error, "submit");
    }
  }

  private recordError(mutant: Mutant, error: unknown, stage: string): void {
    if (error instanceof ChainError) this.count(mutant, `${stage}: ${error.code}`);
    else this.fail("exception", mutant, `${stage} threw ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`);
  }

  /** Sends a JSON-RPC batch of mutants (or a single mutated request text) and checks every answer. */
  private async sendTexts(mutants: readonly Mutant[], body: string, onAccepted: (mutant: Mutant, tx: SignedTransaction | null) => void, single: boolean): Promise<void> {
    let text: string;
    try {
      text = await handleRpcText(this.context, this.methods, body);
    } catch (error) {
      this.fail("exception", mutants[0], `handleRpcText threw ${error instanceof Error ? error.stack : String(error)}`, body);
      return;
    }
    let replies: unknown;
    try {
      replies = JSON.parse(text);
    } catch {
      this.fail("bad_response", mutants[0], `the response is not JSON: ${text.slice(0, 200)}`, body);
      return;
    }
    const list = single && !Array.isArray(replies) ? [replies] : replies;
    if (!Array.isArray(list) || (!single && list.length !== mutants.length)) {
      this.fail("bad_response", mutants[0], `expected ${mutants.length} answers, got ${text.slice(0, 200)}`, body);
      return;
    }
    for (const [index, reply] of list.entries()) this.checkReply(mutants[single ? 0 : index], reply, onAccepted);
  }

  private checkReply(mutant: Mutant, reply: unknown, onAccepted: (mutant: Mutant, tx: SignedTransaction | null) => void): void {
    const r = reply as { result?: unknown; error?: { code?: unknown; message?: unknown; data?: { name?: unknown } } } | null;
    if (r === null || typeof r !== "object") return this.fail("bad_response", mutant, `an answer is not an object: ${JSON.stringify(reply)}`);
    if (r.error !== undefined) {
      const code = r.error?.code;
      if (typeof code !== "number" || typeof r.error?.message !== "string") return this.fail("bad_response", mutant, `an error without a numeric code and a message: ${JSON.stringify(r.error)}`);
      if (code === -32603) {
        this.internalErrors.push(mutant);
        return this.fail("internal_error", mutant, `answered -32603 internal error: ${String(r.error.message)}`);
      }
      this.count(mutant, typeof r.error.data?.name === "string" ? r.error.data.name : `code ${code}`);
      return;
    }
    if (!("result" in r)) return this.fail("bad_response", mutant, `an answer with neither result nor error: ${JSON.stringify(reply).slice(0, 200)}`);
    onAccepted(mutant, this.findSentTransaction(mutant));
  }

  /** The transaction a request carried, parsed as the node parses it (null when the request text no longer parses). */
  private findSentTransaction(mutant: Mutant): SignedTransaction | null {
    try {
      const request = JSON.parse(mutant.text!);
      const entry = Array.isArray(request) ? request[0] : request;
      const params = entry.method === "call" ? entry.params[2] : entry.params;
      if (Array.isArray(params)) return parseLegacyTransaction(params[0], addressPrefix);
      return parseAppbaseTransaction(params.trx, addressPrefix);
    } catch {
      return null;
    }
  }

  /**
   * An accepted mutant is fine when it was re-signed, when its bytes are the base's (a no-op after
   * canonicalization), or when its signatures, recovered by an independent secp256k1 over its exact bytes,
   * satisfy the authorities its operations require (the account `temp`'s open authority needs none).
   * Anything else is an invalid transaction accepted.
   */
  private checkAccepted(mutant: Mutant, tx: SignedTransaction | null): void {
    if (mutant.mode === "resigned_json" && mutant.mutations.includes("re-signed")) return this.count(mutant, "accepted (re-signed)");
    if (tx === null) return this.fail("accepted_invalid", mutant, "a request was accepted that the fuzzer cannot parse back");
    if (bytesEqual(encodeTransaction(tx), mutant.base.unsignedBytes)) return this.count(mutant, "accepted (same bytes as the base)");
    const problem = findAuthorizationProblem(this.node.state, this.node.options.chainId, tx);
    if (problem === null) return this.count(mutant, "accepted (validly signed)");
    this.fail("accepted_invalid", mutant, `a mutated transaction was accepted although ${problem}: ${JSON.stringify(formatLegacyTransaction(tx, addressPrefix)).slice(0, 1000)}`);
  }

  /** Once the node is closed: rebuilding the state from genesis and the block log gives the live state. */
  checkReplay(dataDir: string): void {
    const live = getStateHash(this.node.state);
    const mutant: Mutant = { mode: "resigned_json", base: this.bases[0], mutations: [] };
    try {
      const replayed = replayDataDir(dataDir);
      if (replayed.headBlockNum !== this.node.headBlockNum || replayed.stateHash !== live) {
        this.fail("replay", mutant, `replaying ${replayed.headBlockNum} blocks gave state ${replayed.stateHash}; the live state at block ${this.node.headBlockNum} is ${live}`, dataDir);
      }
    } catch (error) {
      this.fail("replay", mutant, `replaying the block log threw ${error instanceof Error ? error.stack : String(error)}`, dataDir);
    }
  }

  /** After a window: supply conserved, and with nothing accepted and no block in between, the state hash unchanged. */
  private async checkWindow(accepted: number, mode: FuzzMode, mutants: readonly Mutant[]): Promise<void> {
    this.recordSupplyFailure(`after a ${mode} window`, mutants[0]);
    const head = this.node.headBlockNum;
    const hash = getStateHash(this.node.state);
    if (accepted === 0 && this.reference !== null && this.reference.head === head) {
      this.stateChecks++;
      if (hash !== this.reference.hash) {
        const culprit = await this.findStateChanger(mode, mutants);
        const detail = `the state hash changed in a window of ${mutants.length} ${mode} mutants that were all refused`;
        if (culprit === null) this.fail("state_changed", mutants[0], `${detail}; sent again one by one, none changed it`, mutants.map((m) => m.text ?? bytesToHex(m.bytes!)).join("\n"));
        else this.fail("state_changed", culprit, `${detail}; sent again alone, this one changed it although it was refused`);
      }
    }
    this.reference = { hash: getStateHash(this.node.state), head: this.node.headBlockNum };
  }

  /** Calls the method behind each internal error directly, so that the failure shows the exception the API hid. */
  private async explainInternalErrors(): Promise<void> {
    for (const mutant of this.internalErrors.splice(0)) {
      const failure = this.failures.find((f) => f.kind === "internal_error" && f.input === mutant.text?.slice(0, inputCharsMax));
      if (failure === undefined) continue;
      try {
        const request = JSON.parse(mutant.text!);
        const { api, method, params } = routeRequest(request.method, request.params);
        await findMethod(this.methods, api, method, params)(this.context, params);
        failure.detail += "; called again directly it did not throw";
      } catch (error) {
        failure.detail += `; called directly: ${error instanceof Error ? error.stack : String(error)}`;
      }
    }
  }

  /** Sends each mutant of a window again on its own, with the state hash around it, to find one that changes state though refused. */
  private async findStateChanger(mode: FuzzMode, mutants: readonly Mutant[]): Promise<Mutant | null> {
    for (const mutant of mutants) {
      const head = this.node.headBlockNum;
      const before = getStateHash(this.node.state);
      const accepted = await this.runWindow(mode, [mutant]);
      if (accepted === 0 && this.node.headBlockNum === head && getStateHash(this.node.state) !== before) return mutant;
    }
    return null;
  }

  private recordSupplyFailure(when: string, mutant?: Mutant): void {
    const problem = findSupplyProblem(this.node.state);
    if (problem !== null) this.fail("supply", mutant ?? { mode: "legacy_json", base: this.bases[0], mutations: [] }, `${when}: ${problem}`);
  }

  private count(mutant: Mutant, outcome: string): void {
    const table = this.outcomes[mutant.mode];
    table[outcome] = (table[outcome] ?? 0) + 1;
  }

  private fail(kind: FuzzFailure["kind"], mutant: Mutant, detail: string, input?: string): void {
    this.count(mutant, `FAILURE ${kind}`);
    if (this.failures.length >= failuresKeptMax) return;
    const shown = input ?? mutant.text ?? bytesToHex(mutant.bytes ?? new Uint8Array());
    this.failures.push({ kind, mode: mutant.mode, base: mutant.base.label, mutations: mutant.mutations, input: shown.slice(0, inputCharsMax), detail: detail.slice(0, inputCharsMax) });
  }
}
