/**
 * JSON-RPC errors in steemd's shape: {code, message, data:{code, name, message, stack:[{context, format, data}]}}.
 * dsteem and dhive build their error text from data.stack[0].format, so the message goes there too.
 */
import { ChainError } from "../../core/errors.ts";

export const rpcErrorCodes = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  serverError: -32000,
  assertException: -32003,
} as const;

export class RpcError extends Error {
  override name = "RpcError";
  constructor(readonly code: number, message: string, readonly reason = "rpc_error") {
    super(message);
  }
}

export function invalidParams(message: string): RpcError {
  return new RpcError(rpcErrorCodes.invalidParams, message, "invalid_params");
}

export interface RpcErrorBody {
  readonly code: number;
  readonly message: string;
  readonly data: Record<string, unknown>;
}

/** Any thrown value as a JSON-RPC error body; unexpected errors are internal errors without internals. */
export function toRpcErrorBody(error: unknown): RpcErrorBody {
  if (error instanceof ChainError) return makeBody(rpcErrorCodes.assertException, error.message, error.code);
  if (error instanceof RpcError) return makeBody(error.code, error.message, error.reason);
  return makeBody(rpcErrorCodes.internalError, "internal error", "internal_error");
}

function makeBody(code: number, message: string, name: string): RpcErrorBody {
  return {
    code,
    message: `${name}: ${message}`,
    data: {
      code: code === rpcErrorCodes.assertException ? 10 : code,
      name,
      message,
      stack: [{ context: { level: "error", file: "kettle", line: 0, method: name, hostname: "", timestamp: "" }, format: message, data: {} }],
    },
  };
}
