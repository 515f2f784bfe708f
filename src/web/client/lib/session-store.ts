/**
 * Where the logged-in user is kept. Storage holds the account name, how it logged in and at most its posting
 * key; a cookie tells the server only the name. Stronger keys live in this module's memory, so they are gone
 * when the page is.
 */

/** How a session signs: with keys this library holds, or through a Keychain browser extension. */
export type LoginMethod = "key" | "keychain";

export interface StoredSession {
  readonly name: string;
  readonly method: LoginMethod;
  /** The posting key as WIF; null when it was not given (Keychain, or a login with a stronger key). */
  readonly postingKey: string | null;
}

/** The storage entry (sessionStorage, or localStorage when the user asked to be remembered). */
export const sessionStorageKey = "kettle.session";

/** The cookie naming the observer for server-rendered pages; it never holds a key. */
export const userCookieName = "kettle_user";

/** How long a remembered login's cookie lasts (localStorage itself does not expire). */
const rememberedCookieSeconds = 30 * 24 * 3600;

/** Keys given on this page, by the role they sign for; never written anywhere. */
export const pageKeys = new Map<"posting" | "active", Uint8Array>();

/** Storage access throws in some private-browsing modes and sandboxed frames: treat that as no storage. */
function storages(): Storage[] {
  const found: Storage[] = [];
  for (const read of [() => globalThis.sessionStorage, () => globalThis.localStorage]) {
    try {
      const storage = read();
      if (storage !== undefined && storage !== null) found.push(storage);
    } catch {
      // unavailable: skipped
    }
  }
  return found;
}

/** The session of this tab (sessionStorage first, then a remembered one); null when logged out. */
export function readStoredSession(): StoredSession | null {
  for (const storage of storages()) {
    const text = storage.getItem(sessionStorageKey);
    if (text === null) continue;
    try {
      const value = JSON.parse(text) as Partial<StoredSession>;
      if (typeof value.name !== "string" || (value.method !== "key" && value.method !== "keychain")) continue;
      return { name: value.name, method: value.method, postingKey: typeof value.postingKey === "string" ? value.postingKey : null };
    } catch {
      // a damaged entry is ignored; the next login overwrites it
    }
  }
  return null;
}

/** Replaces any stored session, and sets the name cookie. */
export function writeStoredSession(session: StoredSession, remember: boolean): void {
  clearStoredSession();
  const storage = remember ? globalThis.localStorage : globalThis.sessionStorage;
  storage.setItem(sessionStorageKey, JSON.stringify(session));
  writeUserCookie(session.name, remember ? rememberedCookieSeconds : null);
}

/** Forgets the stored session, the cookie and every key held in memory. */
export function clearStoredSession(): void {
  for (const storage of storages()) storage.removeItem(sessionStorageKey);
  pageKeys.clear();
  writeUserCookie("", 0);
}

function writeUserCookie(name: string, maxAgeSeconds: number | null): void {
  if (typeof document === "undefined") return;
  const secure = globalThis.location?.protocol === "https:" ? "; Secure" : "";
  const maxAge = maxAgeSeconds === null ? "" : `; Max-Age=${maxAgeSeconds}`;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and older Safari; the value is a checked account name.
  document.cookie = `${userCookieName}=${encodeURIComponent(name)}; Path=/; SameSite=Lax${maxAge}${secure}`;
}
