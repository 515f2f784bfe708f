/**
 * JSON-RPC 2.0 envelopes as steemd and jussi accepted them: single or batch, `api.method` or
 * `call` with [api, method, args], and the legacy api names steem-js sends mapped onto condenser_api.
 */
import type { ApiContext, IndexContext } from "../ports.ts";
import { type MethodTable, lookupMethod, methodNotFound } from "../methods/method-table.ts";
import { RawJson, jsonArrayParts } from "./raw-json.ts";
import { RpcError, rpcErrorCodes, toRpcErrorBody } from "./rpc-error.ts";

export const batchSizeMax = 1000;
export const requestBytesMax = 4 * 1024 * 1024;

type Json = unknown;

/** A method with its context bound: what a router hands the dispatcher. */
export type BoundHandler = (params: Json) => unknown;

/**
 * Sends calls that nothing here serves elsewhere (a `kettle api` process: to the producer): the request
 * objects as the client sent them, answered with their response objects in the same order. It never
 * rejects; a call it could not deliver gets an error response carrying the call's id.
 */
export type Forwarder = (requests: readonly Json[]) => Promise<Json[]>;

/** Where each call goes. */
export interface RpcRouter {
  /** The handler serving `api.method` here, or undefined. */
  resolve(api: string, method: string, params: Json): BoundHandler | undefined;
  /** Takes the calls no handler here serves; without it they fail with method_not_found. */
  readonly forward: Forwarder | null;
}

/** Serves a method table with its context; `forward` takes whatever the table lacks. */
export function tableRouter<C extends IndexContext>(context: C, table: MethodTable<C>, forward: Forwarder | null = null): RpcRouter {
  return {
    resolve(api, method, params) {
      const handler = lookupMethod(table, api, method, params);
      return handler === undefined ? undefined : (p) => handler(context, p);
    },
    forward,
  };
}

/** `router` with more appbase-style methods (`api.method` → handler) in front of it, e.g. one connection's own. */
export function withMethods(router: RpcRouter, methods: ReadonlyMap<string, BoundHandler>): RpcRouter {
  return {
    resolve: (api, method, params) => methods.get(`${api}.${method}`) ?? router.resolve(api, method, params),
    forward: router.forward,
  };
}

/** Handles a raw request body against one method table (the producer's, or a test's). */
export function handleRpcText(context: ApiContext, table: MethodTable, text: string): Promise<string> {
  return routeRpcText(tableRouter(context, table), text);
}

/**
 * Handles a raw request body and resolves to the response text. Parsing and the synchronous part of every
 * handler run before the first await, and only ids and pending results are kept while waiting, so a batch
 * of broadcasts waiting a block for inclusion does not also hold its request JSON in memory. The calls of
 * a batch that are forwarded go in one request, and their answers take their places in the batch.
 */
export function routeRpcText(router: RpcRouter, text: string): Promise<string> {
  return routeRpcParts(router, text).then((parts) => new RawJson(parts).text);
}

/**
 * The same response for a transport that sends bytes (HTTP): its text, or the parts of its text when some
 * are already encoded (`RawJson`), to be written one after the other — kept bytes are sent as they are,
 * neither decoded and encoded again nor copied into a new buffer.
 */
export function routeRpcBody(router: RpcRouter, text: string): Promise<string | readonly (string | Buffer)[]> {
  return routeRpcParts(router, text).then((parts) => (parts.every((part) => typeof part === "string") ? parts.join("") : parts));
}

/** A response as consecutive parts of its text. */
type Parts = (string | Buffer)[];

function routeRpcParts(router: RpcRouter, text: string): Promise<Parts> {
  let request: Json;
  try {
    request = JSON.parse(text);
  } catch {
    return Promise.resolve([JSON.stringify(errorResponse(null, new RpcError(rpcErrorCodes.parseError, "the request body is not valid JSON", "parse_error")))]);
  }
  if (Array.isArray(request)) {
    if (request.length === 0 || request.length > batchSizeMax) {
      return Promise.resolve([JSON.stringify(errorResponse(null, new RpcError(rpcErrorCodes.invalidRequest, `a batch must hold 1 to ${batchSizeMax} requests`, "invalid_request")))]);
    }
    const started = request.map((r) => startOne(router, r));
    const forwarded = forwardAll(router, started);
    return Promise.all(started.map((call, i) => finishOne(call, forwarded, i))).then(jsonArrayParts);
  }
  const started = [startOne(router, request)];
  return finishOne(started[0], forwardAll(router, started), 0);
}

type Outcome = { readonly result: unknown } | { readonly error: unknown } | { readonly forward: Json };

interface StartedCall {
  readonly id: Json;
  readonly outcome: Outcome;
}

/** Validates the envelope and runs the handler up to its first await (or marks the call for forwarding). */
function startOne(router: RpcRouter, request: Json): StartedCall {
  const id = isObject(request) && "id" in request ? request.id : null;
  try {
    if (!isObject(request)) throw new RpcError(rpcErrorCodes.invalidRequest, "a request must be a JSON object", "invalid_request");
    if (request.jsonrpc !== "2.0") throw new RpcError(rpcErrorCodes.invalidRequest, 'jsonrpc must be "2.0"', "invalid_request");
    if (id !== null && typeof id !== "number" && typeof id !== "string") throw new RpcError(rpcErrorCodes.invalidRequest, "id must be a number, a string or null", "invalid_request");
    if (typeof request.method !== "string") throw new RpcError(rpcErrorCodes.invalidRequest, "method must be a string", "invalid_request");
    const { api, method, params } = routeRequest(request.method, request.params);
    const handler = router.resolve(api, method, params);
    if (handler !== undefined) return { id, outcome: { result: handler(params) } };
    if (router.forward !== null) return { id, outcome: { forward: request } };
    throw methodNotFound(api, method);
  } catch (error) {
    return { id, outcome: { error } };
  }
}

/** Sends every call marked for forwarding in one go; resolves to their responses by position in `calls`. */
function forwardAll(router: RpcRouter, calls: readonly StartedCall[]): Promise<Map<number, Json>> | null {
  const positions: number[] = [];
  const requests: Json[] = [];
  calls.forEach((call, i) => {
    if ("forward" in call.outcome) {
      positions.push(i);
      requests.push(call.outcome.forward);
    }
  });
  if (requests.length === 0 || router.forward === null) return null;
  return router.forward(requests).then((responses) => new Map(positions.map((position, k) => [position, responses[k]])));
}

/**
 * The call's response, in parts. A promise chain, not an async function: an async frame per waiting call
 * costs more memory. A result already in JSON text (`RawJson`) goes into the envelope as it is.
 */
function finishOne(call: StartedCall, forwarded: Promise<Map<number, Json>> | null, position: number): Promise<Parts> {
  const { id, outcome } = call;
  if ("error" in outcome) return Promise.resolve([JSON.stringify(errorResponse(id, outcome.error))]);
  if ("forward" in outcome) return (forwarded as Promise<Map<number, Json>>).then((responses) => [JSON.stringify(responses.get(position) ?? null)]);
  return Promise.resolve(outcome.result).then(
    (result) => (result instanceof RawJson ? ['{"jsonrpc":"2.0","result":', ...result.parts, `,"id":${JSON.stringify(id)}}`] : [JSON.stringify({ jsonrpc: "2.0", result, id })]),
    (error) => [JSON.stringify(errorResponse(id, error))],
  );
}

function errorResponse(id: Json, error: unknown): Json {
  return { jsonrpc: "2.0", error: toRpcErrorBody(error), id };
}

/** Splits `api.method` or `call` [api, method, args] into its parts. */
export function routeRequest(method: string, params: Json): { api: string; method: string; params: Json } {
  if (method === "call") {
    if (!Array.isArray(params) || params.length < 2 || params.length > 3 || typeof params[0] !== "string" || typeof params[1] !== "string") {
      throw new RpcError(rpcErrorCodes.invalidParams, 'a "call" request needs params [api, method, args]', "invalid_params");
    }
    return { api: params[0], method: params[1], params: params.length === 3 ? params[2] : [] };
  }
  const dot = method.indexOf(".");
  if (dot < 0) return { api: "condenser_api", method, params: params ?? [] };
  return { api: method.slice(0, dot), method: method.slice(dot + 1), params: params ?? {} };
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
