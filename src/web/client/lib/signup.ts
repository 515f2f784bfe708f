/** Asking the site to create an account: the browser derives the keys and sends only their public halves. */
import { describeAccountNameProblem } from "./account-name.ts";
import { ClientError } from "./client-error.ts";
import { deriveKeys } from "./keys.ts";

/** The public keys a new account is created with, each `STM…`. */
export interface AccountPublicKeys {
  readonly owner: string;
  readonly active: string;
  readonly posting: string;
  readonly memo: string;
}

export interface RequestAccountResult {
  readonly name: string;
  readonly block_num: number;
}

export interface RequestAccountOptions {
  /** The sign-up endpoint (default "/api/signup" on this site). */
  readonly url?: string;
}

/** The four public keys of `name` for a master password; a ClientError `invalid_account_name` when the name cannot be. */
export function createAccountKeys(name: string, password: string): AccountPublicKeys {
  const problem = describeAccountNameProblem(name);
  if (problem !== null) throw new ClientError("invalid_account_name", problem);
  const keys = deriveKeys(name, password);
  return { owner: keys.owner.publicKey, active: keys.active.publicKey, posting: keys.posting.publicKey, memo: keys.memo.publicKey };
}

/**
 * Asks the site to create `name` with these public keys (POST JSON `{name, owner, active, posting, memo}`).
 * A refusal is a ClientError `signup_refused` with the server's message, and its `{code, message}` as `data`.
 */
export async function requestAccount(name: string, publicKeys: AccountPublicKeys, options: RequestAccountOptions = {}): Promise<RequestAccountResult> {
  const { owner, active, posting, memo } = publicKeys;
  const response = await fetch(options.url ?? "/api/signup", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, owner, active, posting, memo }),
  });
  let answer: { name?: unknown; block_num?: unknown; error?: { code?: unknown; message?: unknown } };
  try {
    answer = await response.json();
  } catch {
    throw new ClientError("http_error", `The sign-up service answered HTTP ${response.status} without JSON.`);
  }
  if (response.ok && answer.error === undefined && typeof answer.name === "string") {
    return { name: answer.name, block_num: Number(answer.block_num ?? 0) };
  }
  const message = typeof answer.error?.message === "string" ? answer.error.message : `HTTP ${response.status}`;
  throw new ClientError("signup_refused", `The account was not created: ${message}`, answer.error ?? null);
}
