/**
 * Broadcasting for the logged-in user: operations are checked, signed in the browser (or handed to Keychain)
 * and sent with condenser_api.broadcast_transaction_synchronous, which answers once the transaction is in a
 * block. The node's refusals come back as RpcCallErrors carrying its message and reason.
 */
import { ClientError } from "./client-error.ts";
import { keychainBroadcast } from "./keychain.ts";
import { callRpc, getRpcEndpoint } from "./rpc.ts";
import { readStoredSession } from "./session-store.ts";
import { type SigningRole, getSigningKey } from "./signing-key.ts";
import { type ReferenceBlock, type WireOperation, createSignedTransaction, parseWireOperations } from "./transaction.ts";

/** Where the transaction landed. */
export interface BroadcastResult {
  readonly id: string;
  readonly block_num: number;
  readonly trx_num: number;
}

export interface BroadcastOptions {
  /** What the key is for, shown if the person must be asked for it (default: the operations' names). */
  readonly reason?: string;
}

/** The chain id of each endpoint, read once: it never changes while a node runs. */
const chainIds = new Map<string, Promise<string>>();

function getChainId(): Promise<string> {
  const endpoint = getRpcEndpoint();
  let chainId = chainIds.get(endpoint);
  if (chainId === undefined) {
    chainId = callRpc<{ chain_id: string }>("condenser_api.get_version", []).then((version) => version.chain_id);
    chainIds.set(endpoint, chainId);
    chainId.catch(() => chainIds.delete(endpoint));
  }
  return chainId;
}

function describeOperations(operations: readonly WireOperation[]): string {
  return [...new Set(operations.map(([name]) => name))].join(", ");
}

/** Keychain answers with whatever its client library returned; take what is there. */
function toBroadcastResult(result: unknown): BroadcastResult {
  const value = (result ?? {}) as { id?: unknown; tx_id?: unknown; block_num?: unknown; trx_num?: unknown };
  const id = typeof value.id === "string" ? value.id : typeof value.tx_id === "string" ? value.tx_id : "";
  return { id, block_num: Number(value.block_num ?? 0), trx_num: Number(value.trx_num ?? 0) };
}

/**
 * Signs `operations` for the logged-in user with the `role` key and broadcasts them, resolving once they are
 * in a block. Rejects with a ClientError before anything is signed (not logged in, invalid operation, no or
 * wrong key) or with the node's RpcCallError (e.g. reason `missing_active_authority`, `vote_weight_out_of_range`).
 */
export async function broadcast(operations: readonly WireOperation[], role: SigningRole, options: BroadcastOptions = {}): Promise<BroadcastResult> {
  const session = readStoredSession();
  if (session === null) throw new ClientError("not_logged_in", "Log in first.");
  parseWireOperations(operations);
  if (session.method === "keychain") {
    const result = await keychainBroadcast(session.name, operations, role === "active" ? "Active" : "Posting");
    return toBroadcastResult(result);
  }
  const secret = await getSigningKey(role, options.reason ?? describeOperations(operations));
  const [reference, chainId] = await Promise.all([callRpc<ReferenceBlock>("condenser_api.get_dynamic_global_properties", []), getChainId()]);
  const signed = createSignedTransaction({ operations, reference, chainId, secrets: [secret] });
  const result = await callRpc<BroadcastResult>("condenser_api.broadcast_transaction_synchronous", [signed.transaction]);
  return { id: result.id, block_num: result.block_num, trx_num: result.trx_num };
}
