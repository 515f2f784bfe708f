/**
 * Hosts that imitate the network's sites to steal keys. Links to them are shown as plain text with a warning.
 * The built-in list holds look-alike examples; operators add real reports through RenderBodyOptions.phishingHosts.
 */
import { siteOfHost } from "./safe-url.ts";

/** Look-alike hosts every Kettle site refuses to link to (without "www."; subdomains are covered too). */
export const builtInPhishingHosts: ReadonlySet<string> = new Set([
  "steemit.co",
  "steemitt.com",
  "steemlt.com",
  "steernit.com",
  "steemit-login.com",
  "steemit-wallet.com",
  "hive-blog.com",
  "hiveblog.co",
  "kettle-login.com",
  "kettle-wallet.net",
]);

/** The warning shown on a link we refused to make clickable. */
export const phishingWarning = "Link expanded to plain text; beware of a potential phishing attempt";

/**
 * Whether a host (as SafeUrl.host gives it) or any domain above it is on the built-in list or on `extraHosts`.
 * Checking parent domains catches "login.steemit.co" as well as "steemit.co".
 */
export function isPhishingHost(host: string, extraHosts?: ReadonlySet<string>): boolean {
  let site = siteOfHost(host);
  for (;;) {
    if (builtInPhishingHosts.has(site) || extraHosts?.has(site) === true || extraHosts?.has("www." + site) === true) return true;
    const dot = site.indexOf(".");
    if (dot < 0 || site.indexOf(".", dot + 1) < 0) return false;
    site = site.slice(dot + 1);
  }
}
