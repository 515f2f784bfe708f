/** The browser scripts' entry points by name: `app` on every page, the others on the pages that need them. */
import { fileURLToPath } from "node:url";

// "../web/" resolves to src/web both from this file and from bin/kettle.mjs's bundle (src/node/.kettle.bundle.mjs),
// which is where this module's code runs under `npm start`.
const entry = (name: string) => fileURLToPath(new URL(`../web/client/${name}.ts`, import.meta.url));

export const clientEntries: Readonly<Record<string, string>> = {
  app: entry("app"),
  post: entry("post"),
  editor: entry("editor"),
  login: entry("login"),
  signup: entry("signup"),
  notifications: entry("notifications"),
  community: entry("community"),
  wallet: entry("wallet"),
  settings: entry("settings"),
};
