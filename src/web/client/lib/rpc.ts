/** JSON-RPC 2.0 over HTTP POST to the Kettle node that served the page (or to another endpoint, for tests). */
import { ClientError } from "./client-error.ts";

let endpoint = "/";
let nextRequestId = 1;

/** Where `callRpc` posts: "/" (the page's own origin) unless set. */
export function setRpcEndpoint(url: string): void {
  endpoint = url;
}

export function getRpcEndpoint(): string {
  return endpoint;
}

/**
 * A JSON-RPC error answer. `code` and `message` are the node's; `reason` is the node's stable snake_case
 * code when it gave one (`data.name`, e.g. `vote_weight_out_of_range`, `rc_exhausted`), else "".
 */
export class RpcCallError extends Error {
  override name = "RpcCallError";
  readonly reason: string;
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
    readonly data: unknown,
  ) {
    super(message);
    const name = (data as { name?: unknown } | null)?.name;
    this.reason = typeof name === "string" ? name : "";
  }
}

interface RpcAnswer {
  readonly id?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code?: unknown; readonly message?: unknown; readonly data?: unknown };
}

/** Calls `method` (e.g. `condenser_api.get_accounts`) and resolves to its result; an error answer rejects with an RpcCallError. */
export async function callRpc<T>(method: string, params: unknown): Promise<T> {
  const id = nextRequestId++;
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
  });
  let answer: RpcAnswer;
  try {
    answer = (await response.json()) as RpcAnswer;
  } catch {
    throw new ClientError("http_error", `${method}: the node answered HTTP ${response.status} without JSON`);
  }
  if (answer.error !== undefined && answer.error !== null) {
    const { code, message, data } = answer.error;
    throw new RpcCallError(method, typeof code === "number" ? code : 0, typeof message === "string" ? message : "unknown error", data ?? null);
  }
  if (answer.id !== id || !("result" in answer)) throw new ClientError("unexpected_answer", `${method}: the node's answer does not match the request`);
  return answer.result as T;
}
