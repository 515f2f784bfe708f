/**
 * Real-time subscriptions over the WebSocket JSON-RPC connection, so clients need not poll.
 *
 * `kettle.subscribe {topic, account?, types?, min_score?}` answers `{subscription: id}`; from then on the
 * server pushes `{"jsonrpc":"2.0","method":"kettle.event","params":{"subscription":id,"result":event}}`
 * for each matching event, until `kettle.unsubscribe {subscription: id}` or the connection closes. When
 * the source of a subscription ends (a `kettle api` process lost its producer), a last push carries
 * `error` instead of `result` and the subscription is gone. Topics:
 * - `blocks`: every committed block (`BlockEvent`);
 * - `operations`: every operation of every committed block, virtual ones included, in
 *   `get_ops_in_block`'s order and shape plus the accounts it impacts (`OperationEvent`), optionally only
 *   those impacting `account` and/or of the given `types` (operation names as in condenser_api);
 * - `notifications`: `account`'s new notifications once the index holds them, with at least `min_score`
 *   (default 25, as `bridge.account_notifications`), in that method's row shape (`NotificationEvent`).
 *
 * Where events come from is the process's business (`ChainEventSource`, `NotificationSource`): the
 * producer takes them from its node and its index, a `kettle api` process relays the chain's from the
 * producer and reads notifications from PostgreSQL.
 */
import { operationNames } from "../core/protocol/operation-schemas.ts";
import { virtualOperationNames } from "../core/protocol/virtual-operation-schemas.ts";
import { isValidAccountName } from "../core/protocol/validation.ts";
import { notificationMinScoreDefault } from "../index/rules/notifications.ts";
import type { OperationEntry } from "./methods/block-methods.ts";
import type { BoundHandler } from "./rpc/dispatch.ts";
import { RpcError, invalidParams, rpcErrorCodes } from "./rpc/rpc-error.ts";

/** Subscriptions one connection may hold at once; more are refused. */
export const subscriptionsPerConnectionMax = 64;

/** A committed block, as a subscriber first needs it (get_block has the rest). */
export interface BlockEvent {
  readonly block_num: number;
  readonly block_id: string;
  readonly previous: string;
  readonly timestamp: string;
  readonly witness: string;
  readonly transaction_ids: readonly string[];
}

/** One operation as condenser_api `get_ops_in_block` lists it, and the accounts it impacts. */
export interface OperationEvent extends OperationEntry {
  readonly op: readonly [string, unknown];
  /** steemd's impacted accounts (those whose `get_account_history` lists it). */
  readonly impacted: readonly string[];
}

/** A notification in `bridge.account_notifications`' row shape. */
export interface NotificationEvent {
  readonly id: number;
  readonly type: string;
  readonly score: number;
  readonly date: string;
  readonly msg: string;
  readonly url: string | null;
}

export interface ChainEvents {
  readonly blocks: BlockEvent;
  readonly operations: OperationEvent;
}
export type ChainTopic = keyof ChainEvents;

/** Stops a watch. Calling it again does nothing. */
export type Unwatch = () => void;

/** Committed blocks and their operations: from the node itself, or relayed from the producer. */
export interface ChainEventSource {
  /**
   * Calls `onEvent` with every event of `topic` from now on, until the returned function is called or the
   * source ends, when `onEnd` gets the reason. Rejects (with an RpcError) when the source is unavailable.
   */
  watch<T extends ChainTopic>(topic: T, onEvent: (event: ChainEvents[T]) => void, onEnd: (reason: string) => void): Promise<Unwatch>;
}

/** New notifications, read from the index as it advances. */
export interface NotificationSource {
  /** Calls `onEvent` with each notification for `account` scoring at least `minScore` written from now on. */
  watch(account: string, minScore: number, onEvent: (event: NotificationEvent) => void): Promise<Unwatch>;
}

export interface SubscriptionSources {
  readonly chain: ChainEventSource;
  /** Null where no index is open. */
  readonly notifications: NotificationSource | null;
}

/** A validated `kettle.subscribe` request. */
export type SubscriptionRequest =
  | { readonly topic: "blocks" }
  | { readonly topic: "operations"; readonly account: string | null; readonly types: ReadonlySet<string> | null }
  | { readonly topic: "notifications"; readonly account: string; readonly minScore: number };

const topics = ["blocks", "operations", "notifications"] as const;
const operationTypeNames: ReadonlySet<string> = new Set<string>([...operationNames, ...virtualOperationNames]);
const paramNames: Readonly<Record<(typeof topics)[number], readonly string[]>> = {
  blocks: ["topic"],
  operations: ["topic", "account", "types"],
  notifications: ["topic", "account", "min_score"],
};

/** Checks `kettle.subscribe`'s params: an object with a known topic and only the fields that topic takes. */
export function parseSubscriptionRequest(params: unknown): SubscriptionRequest {
  if (typeof params !== "object" || params === null || Array.isArray(params)) throw invalidParams("kettle.subscribe takes an object {topic, account?, types?, min_score?}");
  const p = params as Record<string, unknown>;
  const topic = p.topic;
  if (typeof topic !== "string" || !(topics as readonly string[]).includes(topic)) throw invalidParams(`topic must be one of ${topics.join(", ")}`);
  const known = paramNames[topic as (typeof topics)[number]];
  for (const key of Object.keys(p)) if (!known.includes(key)) throw invalidParams(`the ${topic} topic takes no ${JSON.stringify(key.slice(0, 40))} param (only ${known.join(", ")})`);
  if (topic === "blocks") return { topic };
  if (topic === "operations") {
    return { topic, account: p.account === undefined || p.account === null ? null : accountName(p.account), types: p.types === undefined || p.types === null ? null : operationTypes(p.types) };
  }
  if (p.account === undefined) throw invalidParams("the notifications topic needs an account");
  return { topic: "notifications", account: accountName(p.account), minScore: minScore(p.min_score) };
}

function accountName(value: unknown): string {
  if (typeof value !== "string" || !isValidAccountName(value)) throw invalidParams(`account must be a valid account name, got ${JSON.stringify(value)?.slice(0, 40)}`);
  return value;
}

function operationTypes(value: unknown): ReadonlySet<string> {
  if (!Array.isArray(value) || value.length === 0 || value.length > operationTypeNames.size) {
    throw invalidParams(`types must be a non-empty array of operation names (at most ${operationTypeNames.size})`);
  }
  for (const name of value) {
    if (typeof name !== "string" || !operationTypeNames.has(name)) throw invalidParams(`types: ${JSON.stringify(name)?.slice(0, 40)} is not an operation name (e.g. "vote", "comment", "author_reward")`);
  }
  return new Set(value as string[]);
}

function minScore(value: unknown): number {
  if (value === undefined || value === null) return notificationMinScoreDefault;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 100) throw invalidParams("min_score must be an integer from 0 to 100");
  return value;
}

function matchesOperation(request: { readonly account: string | null; readonly types: ReadonlySet<string> | null }, event: OperationEvent): boolean {
  return (request.types === null || request.types.has(event.op[0])) && (request.account === null || event.impacted.includes(request.account));
}

/** Subscription methods answered over HTTP, where nothing can be pushed. */
export const subscriptionMethodsOverHttp: ReadonlyMap<string, BoundHandler> = new Map(["kettle.subscribe", "kettle.unsubscribe"].map((name) => [name, () => {
  throw new RpcError(rpcErrorCodes.invalidRequest, `${name} needs a WebSocket connection (ws:// on the same address)`, "websocket_required");
}]));

/** Hands each connection its own subscriptions, fed from the process's sources. */
export class SubscriptionHub {
  constructor(private readonly sources: SubscriptionSources) {}

  /** The subscriptions of one connection; `push` sends it one text message. */
  open(push: (message: string) => void): SubscriptionSession {
    return new SubscriptionSession(this.sources, push);
  }
}

/** One connection's subscriptions: its `kettle.subscribe` and `kettle.unsubscribe`, and cleanup on close. */
export class SubscriptionSession {
  /** The methods this connection adds to the router, by `api.method`. */
  readonly methods: ReadonlyMap<string, BoundHandler>;
  private readonly active = new Map<number, Unwatch>();
  /** Subscribe calls still waiting for their source, counted against the cap. */
  private starting = 0;
  private nextId = 1;
  private closed = false;

  constructor(private readonly sources: SubscriptionSources, private readonly push: (message: string) => void) {
    this.methods = new Map<string, BoundHandler>([
      ["kettle.subscribe", (params) => this.subscribe(parseSubscriptionRequest(params))],
      ["kettle.unsubscribe", (params) => this.unsubscribe(params)],
    ]);
  }

  get size(): number {
    return this.active.size;
  }

  /** Ends every subscription (the connection closed). */
  close(): void {
    this.closed = true;
    for (const unwatch of this.active.values()) unwatch();
    this.active.clear();
  }

  private async subscribe(request: SubscriptionRequest): Promise<{ subscription: number }> {
    if (this.active.size + this.starting >= subscriptionsPerConnectionMax) {
      throw new RpcError(rpcErrorCodes.serverError, `at most ${subscriptionsPerConnectionMax} subscriptions may be open on one connection`, "too_many_subscriptions");
    }
    const id = this.nextId++;
    this.starting++;
    let unwatch: Unwatch;
    try {
      unwatch = await this.watch(id, request);
    } finally {
      this.starting--;
    }
    if (this.closed) {
      unwatch();
      throw new RpcError(rpcErrorCodes.serverError, "the connection closed", "connection_closed");
    }
    this.active.set(id, unwatch);
    return { subscription: id };
  }

  private watch(id: number, request: SubscriptionRequest): Promise<Unwatch> {
    const deliver = (result: unknown) => {
      if (this.active.has(id)) this.push(JSON.stringify({ jsonrpc: "2.0", method: "kettle.event", params: { subscription: id, result } }));
    };
    const end = (reason: string) => {
      if (!this.active.delete(id)) return;
      const error = { code: rpcErrorCodes.serverError, message: `subscription_ended: ${reason}` };
      this.push(JSON.stringify({ jsonrpc: "2.0", method: "kettle.event", params: { subscription: id, error } }));
    };
    switch (request.topic) {
      case "blocks":
        return this.sources.chain.watch("blocks", deliver, end);
      case "operations":
        return this.sources.chain.watch("operations", (event) => {
          if (matchesOperation(request, event)) deliver(event);
        }, end);
      case "notifications": {
        if (this.sources.notifications === null) throw new RpcError(rpcErrorCodes.serverError, "this server has no social index", "index_unavailable");
        return this.sources.notifications.watch(request.account, request.minScore, deliver);
      }
    }
  }

  private unsubscribe(params: unknown): { unsubscribed: true } {
    const p = typeof params === "object" && params !== null && !Array.isArray(params) ? (params as Record<string, unknown>) : null;
    const id = p?.subscription;
    if (p === null || typeof id !== "number" || !Number.isInteger(id)) throw invalidParams("kettle.unsubscribe takes {subscription: id}");
    const unwatch = this.active.get(id);
    if (unwatch === undefined) throw invalidParams(`there is no subscription ${id} on this connection`);
    this.active.delete(id);
    unwatch();
    return { unsubscribed: true };
  }
}
