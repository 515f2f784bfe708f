/**
 * The image service's view of an account, read through the public API (so `kettle api` processes serve
 * uploads too): posting and active authorities from condenser_api.get_accounts, the display reputation and
 * profile pictures from bridge.get_profile.
 */
import { parsePublicKey, type PublicKey } from "../core/crypto/keys.ts";
import type { Authority } from "../core/protocol/authority.ts";
import type { ImageAccount } from "./images/image-service.ts";
import type { WebApi } from "./web-api.ts";

interface WireAuthority {
  readonly weight_threshold: number;
  readonly account_auths: readonly [string, number][];
  readonly key_auths: readonly [string, number][];
}

function parseAuthority(wire: WireAuthority, prefix: string): Authority {
  const keys: [PublicKey, number][] = [];
  for (const [text, weight] of wire.key_auths) {
    const key = parsePublicKey(text, prefix);
    if (key !== null) keys.push([key, weight]);
  }
  return { weight_threshold: wire.weight_threshold, account_auths: wire.account_auths.map(([name, weight]) => [name, weight] as const), key_auths: keys };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Looks an account up for the image service; null when it does not exist. */
export function createImageAccountLookup(api: WebApi, prefix = "STM"): (name: string) => Promise<ImageAccount | null> {
  return async (name) => {
    const [account] = await api.call<({ posting: WireAuthority; active: WireAuthority } | null)[]>("condenser_api.get_accounts", [[name]]);
    if (account === undefined || account === null) return null;
    const profile = await api.call<{ reputation?: number; metadata?: { profile?: Record<string, unknown> } }>("bridge.get_profile", { account: name }).catch(() => null);
    const meta = profile?.metadata?.profile ?? {};
    return {
      posting: parseAuthority(account.posting, prefix),
      active: parseAuthority(account.active, prefix),
      reputation: typeof profile?.reputation === "number" ? profile.reputation : 25,
      profileImage: stringOrUndefined(meta.profile_image),
      coverImage: stringOrUndefined(meta.cover_image),
    };
  };
}
