/**
 * Who is logged in, and logging out: what every page's header needs, kept apart from the login and signing
 * code so a page that only shows the user loads a few hundred bytes, not the cryptography.
 */
import { type LoginMethod, clearStoredSession, readStoredSession } from "./session-store.ts";

/** The logged-in user as pages see it; never a key. */
export interface CurrentUser {
  readonly name: string;
  readonly method: LoginMethod;
}

/** Who is logged in on this tab, or null. */
export function currentUser(): CurrentUser | null {
  const session = readStoredSession();
  return session === null ? null : { name: session.name, method: session.method };
}

/** Forgets the session: storage, the name cookie, and every key held in memory. */
export function logout(): void {
  clearStoredSession();
}
