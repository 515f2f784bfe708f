/**
 * For tests in Node: replaces globalThis.fetch with a handler answering JSON-RPC methods from a table (and any
 * other URL through a fallback), recording every request. Not part of any bundle.
 */

export interface RecordedRequest {
  readonly url: string;
  readonly init: RequestInit | undefined;
  /** The JSON-RPC method, when the request was one. */
  readonly method: string | null;
  readonly params: unknown;
}

export type RpcHandler = (params: any) => unknown;

export interface FakeFetch {
  readonly requests: RecordedRequest[];
  /** Methods answered; a handler that throws `{code, message, data}` answers with that JSON-RPC error. */
  readonly methods: Map<string, RpcHandler>;
  /** Answers requests that are not JSON-RPC (uploads, sign-up). */
  other: (url: string, init: RequestInit | undefined) => Response;
  restore(): void;
}

export function installFakeFetch(methods: Record<string, RpcHandler> = {}): FakeFetch {
  const original = globalThis.fetch;
  const fake: FakeFetch = {
    requests: [],
    methods: new Map(Object.entries(methods)),
    other: () => new Response("not found", { status: 404 }),
    restore: () => {
      globalThis.fetch = original;
    },
  };
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const body = typeof init?.body === "string" ? tryParse(init.body) : null;
    if (body === null || typeof body.method !== "string") {
      fake.requests.push({ url, init, method: null, params: null });
      return fake.other(url, init);
    }
    fake.requests.push({ url, init, method: body.method, params: body.params });
    const handler = fake.methods.get(body.method);
    if (handler === undefined) return Response.json({ jsonrpc: "2.0", id: body.id, error: { code: -32601, message: `no method ${body.method}` } });
    try {
      return Response.json({ jsonrpc: "2.0", id: body.id, result: await handler(body.params) });
    } catch (error) {
      return Response.json({ jsonrpc: "2.0", id: body.id, error });
    }
  }) as typeof fetch;
  return fake;
}

function tryParse(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
