/**
 * POST /api/signup: creates an account from the public keys a browser derived from the master password it
 * generated. Only public keys arrive; the registrar (initminer in dev, a configured account in production)
 * signs the creation and delegates Steem Power so the new account can post and vote at once. Refused with a
 * clear code: a taken or invalid name, a malformed key, too many sign-ups from one address.
 */
import { parsePublicKey } from "../core/crypto/keys.ts";
import type { PublicKey } from "../core/crypto/keys.ts";
import { isValidAccountName } from "../core/protocol/validation.ts";
import { EndpointError, WindowLimiter, readJsonBody, sendEndpointError, sendJson } from "./http-body.ts";
import type { PostEndpoint } from "./web-app.ts";

/** The public keys of a new account, parsed. */
export interface NewAccountKeys {
  readonly owner: PublicKey;
  readonly active: PublicKey;
  readonly posting: PublicKey;
  readonly memo: PublicKey;
}

/** What creates accounts: the composition root implements it with the registrar's key. */
export interface Registrar {
  readonly name: string;
  /** Whether an account of that name exists. */
  exists(name: string): Promise<boolean>;
  /** Creates the account and resolves once it is in a block; rejects with the chain's refusal. */
  createAccount(name: string, keys: NewAccountKeys): Promise<{ readonly block_num: number }>;
}

export interface SignupLimits {
  /** Sign-ups one address may make per window. */
  readonly perAddressMax: number;
  readonly windowSeconds: number;
}

export const signupLimitsDefault: SignupLimits = { perAddressMax: 3, windowSeconds: 3600 };

/** Bytes a sign-up request may have. */
export const signupRequestBytesMax = 4096;

/** The reason a name cannot be registered, or null when it can (names starting "hive-" belong to communities' own flow). */
export function describeNameProblem(name: string): string | null {
  if (name.length < 3) return "An account name has at least 3 characters.";
  if (name.length > 16) return "An account name has at most 16 characters.";
  if (!isValidAccountName(name)) return "Use lowercase letters, digits and dashes, in dot-separated parts that start with a letter and have at least 3 characters.";
  return null;
}

function parseKey(value: unknown, role: string): PublicKey {
  const key = typeof value === "string" ? parsePublicKey(value, "STM") : null;
  if (key === null) throw new EndpointError(400, "invalid_public_key", `The ${role} key must be a public key "STM…".`);
  return key;
}

/** The endpoint, rate-limited per remote address. */
export function createSignupEndpoint(registrar: Registrar, limits: SignupLimits = signupLimitsDefault, now: () => number = () => Date.now() / 1000): PostEndpoint {
  const limiter = new WindowLimiter(limits.perAddressMax, limits.windowSeconds);
  return (request, response, context) => {
    (async () => {
      const body = await readJsonBody(request, signupRequestBytesMax);
      const name = typeof body.name === "string" ? body.name : "";
      const problem = describeNameProblem(name);
      if (problem !== null) throw new EndpointError(400, "invalid_account_name", problem);
      const keys: NewAccountKeys = { owner: parseKey(body.owner, "owner"), active: parseKey(body.active, "active"), posting: parseKey(body.posting, "posting"), memo: parseKey(body.memo, "memo") };
      if (new Set([keys.owner, keys.active, keys.posting, keys.memo]).size < 4) throw new EndpointError(400, "invalid_public_key", "The four keys must differ (derive them from one master password).");
      if (await registrar.exists(name)) throw new EndpointError(409, "account_name_taken", `The name ${name} is taken: choose another.`);
      const wait = limiter.take(context.address, now());
      if (wait !== null) throw new EndpointError(429, "too_many_signups", `Too many sign-ups from your address: try again in ${Math.ceil(wait / 60)} minutes.`, wait);
      const created = await registrar.createAccount(name, keys).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (/already exists|taken/i.test(message)) throw new EndpointError(409, "account_name_taken", `The name ${name} is taken: choose another.`);
        throw new EndpointError(503, "registrar_failed", `The registrar could not create the account: ${message}`);
      });
      sendJson(response, 200, { name, block_num: created.block_num, creator: registrar.name });
    })().catch((error: unknown) => sendEndpointError(response, error));
  };
}
