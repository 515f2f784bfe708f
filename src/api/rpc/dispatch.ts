/**
 * JSON-RPC 2.0 envelopes as steemd and jussi accepted them: single or batch, `api.method` or
 * `call` with [api, method, args], and the legacy api names steem-js sends mapped onto condenser_api.
 */
import type { ApiContext } from "../ports.ts";
import { type MethodTable, findMethod } from "../methods/method-table.ts";
import { RpcError, rpcErrorCodes, toRpcErrorBody } from "./rpc-error.ts";

export const batchSizeMax = 1000;
export const requestBytesMax = 4 * 1024 * 1024;

type Json = unknown;

/**
 * Handles a raw request body and resolves to the response text. Parsing and the synchronous part of every
 * handler run before the first await, and only ids and pending results are kept while waiting, so a batch
 * of broadcasts waiting a block for inclusion does not also hold its request JSON in memory.
 */
export function handleRpcText(context: ApiContext, table: MethodTable, text: string): Promise<string> {
  let request: Json;
  try {
    request = JSON.parse(text);
  } catch {
    return Promise.resolve(JSON.stringify(errorResponse(null, new RpcError(rpcErrorCodes.parseError, "the request body is not valid JSON", "parse_error"))));
  }
  if (Array.isArray(request)) {
    if (request.length === 0 || request.length > batchSizeMax) {
      return Promise.resolve(JSON.stringify(errorResponse(null, new RpcError(rpcErrorCodes.invalidRequest, `a batch must hold 1 to ${batchSizeMax} requests`, "invalid_request"))));
    }
    const started = request.map((r) => startOne(context, table, r));
    return Promise.all(started.map(finishOne)).then((responses) => JSON.stringify(responses));
  }
  return finishOne(startOne(context, table, request)).then((response) => JSON.stringify(response));
}

interface StartedCall {
  readonly id: Json;
  readonly outcome: { readonly result: unknown } | { readonly error: unknown };
}

/** Validates the envelope and runs the handler up to its first await. */
function startOne(context: ApiContext, table: MethodTable, request: Json): StartedCall {
  const id = isObject(request) && "id" in request ? request.id : null;
  try {
    if (!isObject(request)) throw new RpcError(rpcErrorCodes.invalidRequest, "a request must be a JSON object", "invalid_request");
    if (request.jsonrpc !== "2.0") throw new RpcError(rpcErrorCodes.invalidRequest, 'jsonrpc must be "2.0"', "invalid_request");
    if (id !== null && typeof id !== "number" && typeof id !== "string") throw new RpcError(rpcErrorCodes.invalidRequest, "id must be a number, a string or null", "invalid_request");
    if (typeof request.method !== "string") throw new RpcError(rpcErrorCodes.invalidRequest, "method must be a string", "invalid_request");
    const { api, method, params } = routeRequest(request.method, request.params);
    const handler = findMethod(table, api, method, params);
    return { id, outcome: { result: handler(context, params) } };
  } catch (error) {
    return { id, outcome: { error } };
  }
}

/** A promise chain, not an async function: an async frame per waiting call costs more memory. */
function finishOne(call: StartedCall): Promise<Json> {
  const { id, outcome } = call;
  if ("error" in outcome) return Promise.resolve(errorResponse(id, outcome.error));
  return Promise.resolve(outcome.result).then(
    (result) => ({ jsonrpc: "2.0", result, id }),
    (error) => errorResponse(id, error),
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
