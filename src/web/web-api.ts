/**
 * How pages read: through the public JSON-RPC methods, called in-process on the same router that serves
 * POST / (so a page can show nothing the public API could not, and a `kettle api` process forwards what it
 * does not serve to the producer exactly as it would for a client). Results come back as plain JSON values.
 */
import type { RpcRouter } from "../api/rpc/dispatch.ts";
import { RawJson } from "../api/rpc/raw-json.ts";
import { type RpcErrorBody, toRpcErrorBody } from "../api/rpc/rpc-error.ts";

/** A JSON-RPC error a page read ran into, with the code and message a client would have seen. */
export class WebApiError extends Error {
  override name = "WebApiError";
  constructor(readonly body: RpcErrorBody, readonly method: string) {
    super(`${method}: ${body.message}`);
  }

  /** Whether the API said that what was asked for does not exist (an unknown account, post or community). */
  get isNotFound(): boolean {
    return /not found|does not exist|unknown/i.test(this.body.message);
  }
}

export interface WebApi {
  /** Calls `api.method` (e.g. "bridge.get_ranked_posts") with named or positional params. */
  call<T = unknown>(method: string, params: unknown): Promise<T>;
}

/**
 * Values parsed from kept UTF-8 texts (the bridge's kept post objects, which answers copy as they are), by
 * the text's buffer: parsed once while the API keeps the buffer, not at every page. Frozen, since every page
 * that shows the post shares the value.
 */
const parsedTexts = new WeakMap<Buffer, unknown>();

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function parsedText(part: Buffer): unknown {
  let value = parsedTexts.get(part);
  if (value === undefined) {
    value = deepFreeze(JSON.parse(part.toString("utf8")));
    parsedTexts.set(part, value);
  }
  return value;
}

/**
 * A JSON array's elements when `parts` are `[`, one whole value, `,`, one whole value, …, `]` (as the
 * bridge's lists are made: raw-json.ts `jsonArrayParts`); null otherwise. The array's text is the parts
 * joined, so when each element part parses alone, the array holds exactly those values.
 */
function arrayOfParts(parts: readonly (string | Buffer)[]): unknown[] | null {
  const last = parts.length - 1;
  if (parts[0] !== "[" || parts[last] !== "]" || (parts.length > 2 && parts.length % 2 === 0)) return null;
  const values: unknown[] = [];
  for (let i = 1; i < last; i += 2) {
    if (i > 1 && parts[i - 1] !== ",") return null;
    const part = parts[i];
    try {
      values.push(typeof part === "string" ? JSON.parse(part) : parsedText(part));
    } catch {
      return null;
    }
  }
  return values;
}

function parseResult(result: unknown): unknown {
  if (!(result instanceof RawJson)) return result;
  return arrayOfParts(result.parts) ?? JSON.parse(result.text);
}

/** A WebApi over a router: handlers run in-process, and what the router forwards goes over the wire. */
export function createWebApi(router: RpcRouter): WebApi {
  return {
    async call<T>(method: string, params: unknown): Promise<T> {
      const dot = method.indexOf(".");
      const api = method.slice(0, dot);
      const name = method.slice(dot + 1);
      const handler = router.resolve(api, name, params);
      if (handler === undefined) {
        if (router.forward === null) throw new WebApiError({ code: -32601, message: `Could not find method ${method}`, data: {} }, method);
        const [response] = (await router.forward([{ jsonrpc: "2.0", id: 1, method, params }])) as { result?: unknown; error?: RpcErrorBody }[];
        if (response?.error !== undefined) throw new WebApiError(response.error, method);
        return response?.result as T;
      }
      try {
        return parseResult(await handler(params)) as T;
      } catch (error) {
        const body = toRpcErrorBody(error);
        // A fault of the server is not the reader's: it surfaces as itself (an error page and a log line).
        if (body.data.name === "internal_error") throw error;
        throw new WebApiError(body, method);
      }
    },
  };
}
