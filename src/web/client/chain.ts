/**
 * Page scripts' door to the chain: the signing library is loaded on first use (so reading pages stay small),
 * the key prompt is registered, and custom_json operations are built the way Steem's follow and community
 * plugins read them.
 */
import { readStoredSession } from "./lib/session-store.ts";
import type { WireOperation } from "./lib/transaction.ts";
import { askForKey } from "./ui.ts";

export type { WireOperation };

let library: Promise<typeof import("./lib/broadcast.ts")> | null = null;

async function loadBroadcast() {
  library ??= Promise.all([import("./lib/broadcast.ts"), import("./lib/signing-key.ts")]).then(([broadcastModule, keys]) => {
    keys.setKeyPrompt(askForKey);
    return broadcastModule;
  });
  return library;
}

/** The logged-in account's name, or null. */
export function currentName(): string | null {
  return readStoredSession()?.name ?? null;
}

/** Sends the operations for the logged-in user; resolves once they are in a block. */
export async function send(operations: readonly WireOperation[], role: "posting" | "active" = "posting", reason?: string) {
  const { broadcast } = await loadBroadcast();
  return broadcast(operations, role, reason === undefined ? {} : { reason });
}

/** A custom_json signed with the posting key (follow, reblog, community). */
export function customJson(account: string, id: string, payload: unknown): WireOperation {
  return ["custom_json", { required_auths: [], required_posting_auths: [account], id, json: JSON.stringify(payload) }];
}

/** Sends the reader to log in, coming back here afterwards. */
export function goToLogin(): void {
  location.href = `/login.html?next=${encodeURIComponent(location.pathname + location.search)}`;
}
