/**
 * A `kettle api` process's link to the producer: JSON-RPC calls it does not serve itself are forwarded
 * over HTTP (a pool of keep-alive connections, a deadline per request, a bound on the answer's size), and
 * chain events are relayed from one WebSocket subscription per topic on the producer, shared by every
 * local subscriber (filters apply here: each operation event names the accounts it impacts).
 */
import http from "node:http";
import https from "node:https";
import WebSocket from "ws";
import { RpcError, rpcErrorCodes, toRpcErrorBody } from "../api/rpc/rpc-error.ts";
import type { Forwarder } from "../api/rpc/dispatch.ts";
import type { ChainEventSource, ChainEvents, ChainTopic, Unwatch } from "../api/subscriptions.ts";

/** How long a forwarded call may take: a synchronous broadcast waits for its block. */
export const producerTimeoutMs = 60_000;
/** The largest answer accepted from the producer (a batch of blocks can be large). */
export const producerAnswerBytesMax = 64 * 1024 * 1024;
/** Connections kept open to the producer; more concurrent calls wait for one. */
const producerConnectionsMax = 64;
/** How long subscribing on the producer may take, and how often its WebSocket is checked for life. */
const relayAnswerTimeoutMs = 10_000;
const relayPingMs = 30_000;

function unavailable(producer: URL, why: string): RpcError {
  return new RpcError(rpcErrorCodes.serverError, `the producer at ${producer.origin} is unavailable: ${why}`, "producer_unavailable");
}

export class ProducerClient {
  private readonly agent: http.Agent;

  constructor(readonly url: URL, private readonly timeoutMs = producerTimeoutMs) {
    const Agent = url.protocol === "https:" ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: producerConnectionsMax });
  }

  /** Forwards calls in one request (a batch when there are several); every call gets an answer with its own id. */
  readonly forward: Forwarder = (requests) => {
    return this.post(JSON.stringify(requests.length === 1 ? requests[0] : requests)).then(
      (answer) => matchAnswers(requests, answer, this.url),
      (error: Error) => requests.map((request) => errorAnswer(request, unavailable(this.url, error.message))),
    );
  };

  close(): void {
    this.agent.destroy();
  }

  private post(body: string): Promise<unknown> {
    const request = (this.url.protocol === "https:" ? https : http).request;
    return new Promise((resolve, reject) => {
      const call = request(this.url, {
        method: "POST", agent: this.agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      }, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > producerAnswerBytesMax) call.destroy(new Error(`its answer is over ${producerAnswerBytesMax} bytes`));
          else chunks.push(chunk);
        });
        response.on("end", () => {
          clearTimeout(deadline);
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
          } catch {
            reject(new Error(`it answered HTTP ${response.statusCode} with a body that is not JSON`));
          }
        });
        response.on("error", (error) => {
          clearTimeout(deadline);
          reject(error);
        });
      });
      const deadline = setTimeout(() => call.destroy(new Error(`no answer within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
      call.on("error", (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      call.end(body);
    });
  }
}

/** The producer's answer to forwarded calls, one response per call in order. */
function matchAnswers(requests: readonly unknown[], answer: unknown, producer: URL): unknown[] {
  if (requests.length === 1 && isObject(answer)) return [answer];
  if (Array.isArray(answer) && answer.length === requests.length) return answer;
  // An error about the whole request (e.g. its size) answers each call.
  if (isObject(answer) && isObject(answer.error)) return requests.map((request) => ({ jsonrpc: "2.0", error: answer.error, id: idOf(request) }));
  return requests.map((request) => errorAnswer(request, unavailable(producer, "its answer does not match the calls")));
}

function errorAnswer(request: unknown, error: RpcError): unknown {
  return { jsonrpc: "2.0", error: toRpcErrorBody(error), id: idOf(request) };
}

function idOf(request: unknown): unknown {
  return isObject(request) && "id" in request ? request.id : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface RelayedTopic {
  /** The subscription id on the producer, once it answered. */
  upstream: number | null;
  starting: Promise<void> | null;
  readonly listeners: Set<{ readonly onEvent: (event: never) => void; readonly onEnd: (reason: string) => void }>;
}

/**
 * Chain events relayed from the producer's WebSocket: the first local subscriber of a topic subscribes
 * on the producer, the last one to leave unsubscribes. When the connection is lost every relayed
 * subscription ends (its subscribers are told and may subscribe again, which reconnects).
 */
export class ProducerEventRelay implements ChainEventSource {
  private socket: Promise<WebSocket> | null = null;
  private readonly topics = new Map<ChainTopic, RelayedTopic>();
  private readonly byUpstreamId = new Map<number, ChainTopic>();
  private readonly waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  private nextRequestId = 1;
  private closed = false;

  constructor(private readonly producer: URL) {}

  async watch<T extends ChainTopic>(topic: T, onEvent: (event: ChainEvents[T]) => void, onEnd: (reason: string) => void): Promise<Unwatch> {
    let relayed = this.topics.get(topic);
    if (relayed === undefined) this.topics.set(topic, (relayed = { upstream: null, starting: null, listeners: new Set() }));
    const topicState = relayed;
    if (topicState.upstream === null) {
      topicState.starting ??= this.subscribeUpstream(topic, topicState).finally(() => {
        topicState.starting = null;
      });
      await topicState.starting;
      // The connection may have been lost between the producer's answer and this turn.
      if (topicState.upstream === null) throw unavailable(this.producer, "the connection closed");
    }
    const listener = { onEvent: onEvent as (event: never) => void, onEnd };
    topicState.listeners.add(listener);
    return () => {
      if (topicState.listeners.delete(listener) && topicState.listeners.size === 0) this.unsubscribeUpstream(topicState);
    };
  }

  close(): void {
    this.closed = true;
    void this.socket?.then((socket) => socket.terminate(), () => undefined);
  }

  private async subscribeUpstream(topic: ChainTopic, state: RelayedTopic): Promise<void> {
    const result = await this.request("kettle.subscribe", { topic });
    const id = isObject(result) ? result.subscription : undefined;
    if (typeof id !== "number") throw unavailable(this.producer, "it did not answer kettle.subscribe with a subscription id");
    state.upstream = id;
    this.byUpstreamId.set(id, topic);
  }

  private unsubscribeUpstream(state: RelayedTopic): void {
    if (state.upstream === null) return;
    this.byUpstreamId.delete(state.upstream);
    const subscription = state.upstream;
    state.upstream = null;
    // Events still on the way for it are dropped (no longer mapped); a failure here ends nothing local.
    this.request("kettle.unsubscribe", { subscription }).catch(() => undefined);
  }

  private async request(method: string, params: unknown): Promise<unknown> {
    if (this.closed) throw unavailable(this.producer, "this process is shutting down");
    const socket = await this.connect();
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(unavailable(this.producer, `no answer to ${method} within ${relayAnswerTimeoutMs / 1000} s`));
      }, relayAnswerTimeoutMs);
      this.waiting.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    });
  }

  private connect(): Promise<WebSocket> {
    this.socket ??= new Promise<WebSocket>((resolve, reject) => {
      const url = new URL(this.producer);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      const socket = new WebSocket(url, { handshakeTimeout: relayAnswerTimeoutMs });
      let alive = true;
      const ping = setInterval(() => {
        if (!alive) socket.terminate();
        alive = false;
        socket.ping();
      }, relayPingMs);
      ping.unref();
      socket.on("pong", () => {
        alive = true;
      });
      socket.once("open", () => resolve(socket));
      socket.on("message", (data) => this.receive(String(data)));
      socket.on("error", (error) => reject(unavailable(this.producer, error.message)));
      socket.once("close", () => {
        clearInterval(ping);
        reject(unavailable(this.producer, "the connection closed"));
        this.lost();
      });
    });
    return this.socket;
  }

  private receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isObject(message)) return;
    if (message.method === "kettle.event" && isObject(message.params)) {
      this.relay(message.params);
      return;
    }
    const waiter = typeof message.id === "number" ? this.waiting.get(message.id) : undefined;
    if (waiter === undefined) return;
    this.waiting.delete(message.id as number);
    if ("result" in message) waiter.resolve(message.result);
    else waiter.reject(new RpcError(rpcErrorCodes.serverError, `the producer refused: ${isObject(message.error) ? String(message.error.message) : "no reason given"}`, "producer_refused"));
  }

  private relay(params: Record<string, unknown>): void {
    const topic = typeof params.subscription === "number" ? this.byUpstreamId.get(params.subscription) : undefined;
    const state = topic === undefined ? undefined : this.topics.get(topic);
    if (state === undefined) return;
    if ("error" in params) {
      this.end(state, `the producer ended it (${isObject(params.error) ? String(params.error.message) : "no reason given"})`);
      return;
    }
    for (const listener of [...state.listeners]) listener.onEvent(params.result as never);
  }

  private lost(): void {
    this.socket = null;
    for (const waiter of this.waiting.values()) waiter.reject(unavailable(this.producer, "the connection closed"));
    this.waiting.clear();
    for (const state of this.topics.values()) this.end(state, "the connection to the producer was lost");
  }

  private end(state: RelayedTopic, reason: string): void {
    if (state.upstream !== null) this.byUpstreamId.delete(state.upstream);
    state.upstream = null;
    const listeners = [...state.listeners];
    state.listeners.clear();
    for (const listener of listeners) listener.onEnd(reason);
  }
}
