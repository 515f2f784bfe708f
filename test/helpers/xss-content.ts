/**
 * For the browser XSS test: puts the payloads of test/xss/payloads.ts everywhere a user can write on a demo
 * site, through real signed transactions (post and reply bodies and titles, tags and other json_metadata,
 * profiles, community props and titles, moderation notes, transfer memos), keeping count of what went where;
 * and the instruments a Chromium context gets to tell whether any of it ever ran, loaded something from
 * another host, or left the page.
 */
import type { BrowserContext, Page } from "playwright-core";
import { derivePrivateKeyFromLogin } from "../../src/core/crypto/keys.ts";
import type { Operation } from "../../src/core/protocol/operation-schemas.ts";
import { demoAccounts } from "../../src/cli/demo.ts";
import { type XssPayload, xssPayloads, xssTextPayloads } from "../xss/payloads.ts";
import { createDemoCommunity } from "./demo-community.ts";
import { type TestAccount, createAccountsOnChain, createTestAccount, createUnsignedTransaction, signWith } from "./test-chain.ts";
import type { DemoSite } from "./web-node.ts";

// ------------------------------------------------------------------------------------------- the content

/** Accounts that write the payloads; the first is also the "victim" whose notifications, wallet and settings are read. */
export const writerNames: readonly string[] = Array.from({ length: 8 }, (_, i) => `xsswriter${i}`);
export const victimName = writerNames[0];
/** The victim's master password (createTestAccount's rule), for logging in through the page. */
export const victimPassword = `P5KettleTest-${victimName}`;
/** A word in every root post, so a search lists them all. */
export const searchWord = "kettlexssmarker";
/** The category of root posts not in a community. */
export const plainCategory = "xsstests";
/** Communities made with payloads in every prop. */
export const communityNames: readonly string[] = ["hive-148021", "hive-148022", "hive-148023"];

/** A body larger than this cannot be in a transaction (64 KiB blocks, the op's other fields and the signature). */
const bodyBytesMax = 60_000;
/** Payloads per multi-payload root post. */
const payloadsPerPost = 20;

/** Where a payload was put, e.g. "post body", "reply title", "profile about". */
export type Place = string;

export interface XssContent {
  /** Payload names by place. */
  readonly placed: ReadonlyMap<Place, ReadonlySet<string>>;
  /** Payloads no transaction could carry (over the chain's size limit), with why. */
  readonly notPlaced: readonly string[];
  /** Root posts' paths, `/<category>/@author/permlink`. */
  readonly postPaths: readonly string[];
  /** Groups of payloads (joined bodies) small enough for the editor preview, which takes 80 KiB. */
  readonly previewBodies: readonly { readonly names: readonly string[]; readonly body: string }[];
}

/** Payloads for short text fields: each length limit rotates through the payloads that fit it, so fields get different ones. */
class TextPicker {
  private readonly next = new Map<number, number>();
  constructor(private readonly pool: readonly XssPayload[]) {}
  /** The next payload of at most `max` code points (when none is that short, the next one cut to it). */
  take(max = 255): XssPayload {
    const fitting = this.pool.filter((entry) => [...entry.payload].length <= max);
    const list = fitting.length > 0 ? fitting : this.pool;
    const index = this.next.get(max) ?? 0;
    this.next.set(max, index + 1);
    const entry = list[index % list.length];
    return fitting.length > 0 ? entry : this.cut(max);
  }

  /** The next payload cut to `max` code points (for fields shorter than nearly every payload). */
  cut(max: number): XssPayload {
    const index = this.next.get(-max) ?? 0;
    this.next.set(-max, index + 1);
    const entry = this.pool[(index * 17) % this.pool.length];
    return { name: `${entry.name} (cut)`, payload: [...entry.payload].slice(0, max).join("").trim() };
  }
}

/** Hostile URLs for the fields that hold a URL (website, images, json_metadata links and images). */
export const hostileUrls: readonly XssPayload[] = [
  { name: "url-javascript", payload: "javascript:__xss('url-javascript')" },
  { name: "url-javascript-classic", payload: "javascript:alert(1)" },
  { name: "url-javascript-padded", payload: " \tJaVaScRiPt:__xss('url-javascript-padded')" },
  { name: "url-data-html", payload: "data:text/html,<script>parent.__xss('url-data-html')</script>" },
  { name: "url-vbscript", payload: "vbscript:msgbox('url-vbscript')" },
  { name: "url-quote-break", payload: "https://example.com/a.png\"onerror=\"__xss('url-quote-break')" },
  { name: "url-single-quote-break", payload: "https://example.com/a.png'onerror='__xss(`url-single-quote-break`)" },
  { name: "url-protocol-relative", payload: "//evil.example/x.png" },
  { name: "url-backslash-host", payload: "/\\evil.example/x.png" },
  { name: "url-angle-break", payload: "https://example.com/\"><script>__xss('url-angle-break')</script>" },
];

class Placements {
  readonly placed = new Map<Place, Set<string>>();
  add(place: Place, name: string): void {
    let names = this.placed.get(place);
    if (names === undefined) this.placed.set(place, (names = new Set()));
    names.add(name);
  }
}

function customJson(signer: string, id: string, payload: unknown): Operation {
  return { type: "custom_json", value: { required_auths: [], required_posting_auths: [signer], id, json: JSON.stringify(payload) } };
}

function comment(author: string, permlink: string, parentAuthor: string, parentPermlink: string, title: string, body: string, metadata: unknown): Operation {
  return {
    type: "comment",
    value: { parent_author: parentAuthor, parent_permlink: parentPermlink, author, permlink, title, body, json_metadata: JSON.stringify(metadata) },
  };
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Splits the payloads into bodies: small ones `payloadsPerPost` at a time, large ones alone or together up to the size limit. */
function groupPayloads(payloads: readonly XssPayload[]): { fit: XssPayload[][]; tooLarge: XssPayload[] } {
  const fit: XssPayload[][] = [];
  const tooLarge: XssPayload[] = [];
  let current: XssPayload[] = [];
  let bytes = 0;
  const flush = () => {
    if (current.length > 0) fit.push(current);
    current = [];
    bytes = 0;
  };
  for (const entry of [...payloads].sort((a, b) => utf8Bytes(a.payload) - utf8Bytes(b.payload))) {
    const size = utf8Bytes(entry.payload) + 200;
    if (size > bodyBytesMax) {
      tooLarge.push(entry);
      continue;
    }
    if (current.length >= payloadsPerPost || bytes + size > bodyBytesMax) flush();
    current.push(entry);
    bytes += size;
  }
  flush();
  return { fit, tooLarge };
}

/** A body holding several payloads, each its own paragraph, after a marker line that mentions the victim. */
function groupBody(group: readonly XssPayload[], index: number): string {
  return [`${searchWord} group ${index}, for @${victimName} and @alice.`, ...group.map((entry) => entry.payload)].join("\n\n");
}

/**
 * Publishes the payloads on the demo site. Root posts are spread over the writers (one root post per author
 * every 5 minutes, so the chain's clock is moved on between rounds with empty blocks), then every payload
 * alone as a reply body (the HTML-body detection sees a body that is only the payload), titles on both.
 */
export async function publishXssContent(site: DemoSite): Promise<XssContent> {
  const node = site.running.node;
  const placements = new Placements();
  const titles = new TextPicker(xssTextPayloads);
  const fields = new TextPicker(xssTextPayloads);
  const writers: TestAccount[] = writerNames.map((name) => createTestAccount(name));
  const byName = new Map(writers.map((w) => [w.name, w]));
  await createAccountsOnChain(node, writers, 100_000n, 50_000_000n);

  /** Submits one transaction; a block is closed after anything large so the next one has room. */
  const submit = async (operations: Operation[], secret: Uint8Array) => {
    const tx = signWith(createUnsignedTransaction(node.state, operations), node.options.chainId, [secret]);
    const bytes = JSON.stringify(operations, (_, value) => (typeof value === "bigint" ? String(value) : value)).length;
    if (bytes > 20_000) node.produceBlock();
    await node.submit(tx);
    if (bytes > 20_000) node.produceBlock();
  };
  const posting = (name: string) => byName.get(name)!.secrets.posting;

  // Profiles: even writers through account_update2's posting_json_metadata, odd ones through account_update's json_metadata.
  for (const [index, writer] of writers.entries()) {
    const name = fields.take(255);
    const about = fields.take(255);
    const location = fields.take(255);
    const website = index % 2 === 0 ? hostileUrls[index % hostileUrls.length] : fields.take(100);
    const profileImage = hostileUrls[(index + 3) % hostileUrls.length];
    const coverImage = hostileUrls[(index + 6) % hostileUrls.length];
    const profile = { name: name.payload, about: about.payload, location: location.payload, website: website.payload, profile_image: profileImage.payload, cover_image: coverImage.payload };
    placements.add("profile name", name.name);
    placements.add("profile about", about.name);
    placements.add("profile location", location.name);
    placements.add("profile website", website.name);
    placements.add("profile image", profileImage.name);
    placements.add("cover image", coverImage.name);
    const metadata = JSON.stringify({ profile });
    if (index % 2 === 0) {
      await submit([{ type: "account_update2", value: { account: writer.name, json_metadata: "", posting_json_metadata: metadata, extensions: [] } } as unknown as Operation], writer.secrets.posting);
    } else {
      await submit([{ type: "account_update", value: { account: writer.name, memo_key: writer.keys.memo, json_metadata: metadata } } as unknown as Operation], writer.secrets.active);
    }
  }

  // Communities: payloads in the title (20 code points at most, so cut), about, description and rules; user titles.
  for (const [index, name] of communityNames.entries()) {
    const title = fields.cut(20);
    const about = fields.take(120);
    const description = joinUpTo(fields, 1000, "\n");
    const rules = joinUpTo(fields, 1000, "\n");
    const aliceTitle = fields.take(32);
    const bobTitle = fields.take(32);
    placements.add("community title", title.name);
    placements.add("community about", about.name);
    for (const entry of description.names) placements.add("community description", entry);
    for (const entry of rules.names) placements.add("community rules", entry);
    placements.add("community user title", aliceTitle.name);
    placements.add("community user title", bobTitle.name);
    const community = await createDemoCommunity(site, {
      name, title: title.payload.replace(/^[@#\s]+/, "x").trim() || "x", about: about.payload.trim(), description: description.text, rules: rules.text,
      owner: index === 0 ? victimName : "alice", mods: ["bob"], subscribers: ["carol", "dave"], titles: { alice: aliceTitle.payload.trim(), bob: bobTitle.payload.trim() },
    });
    const ops: Operation[] = [];
    for (const writer of writers.slice(index * 2, index * 2 + 3)) {
      const title = fields.take(32);
      placements.add("community user title", title.name);
      ops.push(customJson(name, "community", ["setUserTitle", { community: name, account: writer.name, title: title.payload.trim() }]));
    }
    await submit(ops, community.secrets.posting);
    for (const writer of writers) await submit([customJson(writer.name, "community", ["subscribe", { community: name }])], writer.secrets.posting);
  }

  // Root posts: groups of payloads as paragraphs; titles, tags and the other json_metadata fields hostile too.
  const { fit, tooLarge } = groupPayloads(xssPayloads);
  const roots: { author: string; permlink: string; category: string }[] = [];
  for (const [index, group] of fit.entries()) {
    const author = writers[index % writers.length].name;
    // Each author may publish a root post every 5 minutes: move the chain's clock on between rounds.
    if (index > 0 && index % writers.length === 0) node.generateBlocks(1, 301);
    const category = index % 3 === 0 ? communityNames[(index / 3) % communityNames.length] : plainCategory;
    const permlink = `xss-post-${index}`;
    const title = titles.take(255);
    const tags = [fields.take(64), fields.take(64), fields.take(64)];
    const image = hostileUrls[index % hostileUrls.length];
    const link = hostileUrls[(index + 1) % hostileUrls.length];
    const app = fields.take(100);
    const description = fields.take(255);
    placements.add("post title", title.name);
    for (const tag of tags) placements.add("json_metadata tags", tag.name);
    placements.add("json_metadata image", image.name);
    placements.add("json_metadata links", link.name);
    placements.add("json_metadata app", app.name);
    placements.add("json_metadata description", description.name);
    for (const entry of group) placements.add("post body", entry.name);
    const metadata = {
      tags: [category, ...tags.map((t) => t.payload)], image: [image.payload], links: [link.payload, ...group.filter((e) => e.payload.length < 300).slice(0, 2).map((e) => e.payload)],
      app: app.payload, format: "markdown", description: description.payload, users: [`${victimName}"><script>__xss('users')</script>`],
    };
    await submit([comment(author, permlink, "", category, title.payload, groupBody(group, index), metadata)], posting(author));
    roots.push({ author, permlink, category });
  }

  // Replies: every payload alone as a reply body, with a title payload; authors rotate, 3 s between a writer's replies.
  const alone = fit.flat();
  node.generateBlocks(1, 3);
  let inRound = 0;
  for (const [index, entry] of alone.entries()) {
    if (inRound === writers.length) {
      node.generateBlocks(1, 3);
      inRound = 0;
    }
    const author = writers[inRound++].name;
    const parent = roots[index % roots.length];
    const title = titles.take(255);
    placements.add("reply body", entry.name);
    placements.add("reply title", title.name);
    await submit([comment(author, `xss-reply-${index}`, parent.author, parent.permlink, title.payload, entry.payload, { tags: [parent.category], app: "xss-test" })], posting(author));
  }
  node.generateBlocks(1, 3);

  // Moderation with hostile notes on the victim's community posts (notifications to the author and to the team).
  const victimCommunityPost = roots.find((r) => r.author === victimName && communityNames.includes(r.category));
  if (victimCommunityPost !== undefined) {
    const community = createTestAccount(victimCommunityPost.category);
    const communityKey = community.secrets.posting;
    const muteNotes = fields.take(120);
    const flagNotes = fields.take(120);
    placements.add("moderation notes", muteNotes.name);
    placements.add("moderation notes", flagNotes.name);
    await submit([customJson(community.name, "community", ["mutePost", { community: community.name, account: victimName, permlink: victimCommunityPost.permlink, notes: muteNotes.payload.trim() }])], communityKey);
    await submit([customJson("carol", "community", ["flagPost", { community: community.name, account: victimName, permlink: victimCommunityPost.permlink, notes: flagNotes.payload.trim() }])], demoPostingKey("carol"));
  }

  // Transfer memos to the victim (its wallet history shows the newest 50).
  const sender = writers[1];
  const memos: Operation[] = [];
  for (let i = 0; i < 45; i++) {
    const memo = i < 40 ? fields.take(255) : hostileUrls[i % hostileUrls.length];
    placements.add("transfer memo", memo.name);
    memos.push({ type: "transfer", value: { from: sender.name, to: victimName, amount: { amount: 1n, symbol: "STEEM" }, memo: memo.payload } });
  }
  await submit(memos, sender.secrets.active);
  await site.settle();

  return {
    placed: placements.placed,
    notPlaced: tooLarge.map((entry) => `${entry.name} (${utf8Bytes(entry.payload)} bytes: larger than a transaction may be)`),
    postPaths: roots.map((r) => `/${r.category}/@${r.author}/${r.permlink}`),
    previewBodies: fit.map((group, index) => ({ names: group.map((e) => e.name), body: groupBody(group, index) })),
  };
}

function joinUpTo(picker: TextPicker, max: number, separator: string): { text: string; names: string[] } {
  const names: string[] = [];
  let text = "";
  for (let i = 0; i < 40; i++) {
    const entry = picker.take(120);
    const trimmed = entry.payload.trim();
    const next = text === "" ? trimmed : `${text}${separator}${trimmed}`;
    if ([...next].length > max) break;
    text = next;
    names.push(entry.name);
  }
  return { text, names };
}

function demoPostingKey(name: string): Uint8Array {
  const account = demoAccounts.find((a) => a.name === name)!;
  return derivePrivateKeyFromLogin(account.name, account.password, "posting");
}

// --------------------------------------------------------------------------------------- the instruments

/** What a context saw that it should not have. */
export interface Findings {
  /** `__xss` calls, alert/confirm/prompt, `window.__xssFlag`: the payload ran. */
  readonly executed: string[];
  /** Requests to another origin (the site's pages load nothing from elsewhere). */
  readonly offsiteRequests: string[];
  /** The page left for somewhere it was not sent (a javascript: URL, a meta refresh, a script's redirect). */
  readonly navigations: string[];
  /** Markup in the final DOM that could run or load: handlers, dangerous URLs, scripts, frames, objects. */
  readonly dangerousMarkup: string[];
  /** Content-Security-Policy violations (only when the policy is on): something tried to run or load. */
  readonly cspViolations: string[];
  /** Video players loaded because the test clicked a placeholder (expected, listed for the record). */
  readonly embedsLoaded: string[];
}

export function emptyFindings(): Findings {
  return { executed: [], offsiteRequests: [], navigations: [], dangerousMarkup: [], cspViolations: [], embedsLoaded: [] };
}

/** The only frames a click on a video placeholder may load. */
const embedPattern = /^https:\/\/(?:www\.youtube\.com\/embed\/[A-Za-z0-9_-]{6,20}|player\.vimeo\.com\/video\/\d{1,15})\?autoplay=1$/;

/**
 * Installs the marker and the watchers on a context: `__xss`, alert, confirm and prompt report to the test
 * (in every frame, before any page script); requests to other origins are blocked and recorded; popups and
 * CSP violations are recorded.
 */
export async function instrumentContext(context: BrowserContext, siteOrigin: string, findings: Findings): Promise<void> {
  await context.exposeBinding("__xssReport", (source, what: unknown) => {
    findings.executed.push(`${String(what)} (on ${source.frame.url().slice(0, 200)})`);
  });
  // tsx compiles the functions below with esbuild's keepNames, whose `__name` helper they then call in the page.
  await context.addInitScript({ content: "globalThis.__name = (target) => target;" });
  await context.addInitScript(() => {
    const report = (what: string) => (window as unknown as { __xssReport(what: string): void }).__xssReport(what);
    Object.assign(window, {
      __xss: (name: unknown) => report(`__xss(${String(name)})`),
      alert: (message?: unknown) => report(`alert(${String(message)})`),
      confirm: (message?: unknown) => {
        report(`confirm(${String(message)})`);
        return false;
      },
      prompt: (message?: unknown) => {
        report(`prompt(${String(message)})`);
        return null;
      },
    });
    // Links never take the page away (the DOM scan reports any javascript: URL instead); a handler on the link still runs first.
    for (const type of ["click", "auxclick"]) {
      window.addEventListener(type, (event) => {
        if (!event.defaultPrevented && (event.target as Element | null)?.closest?.("a[href], area[href]")) event.preventDefault();
      });
    }
    document.addEventListener("securitypolicyviolation", (event) => {
      report(`csp-violation ${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${siteOrigin}/`) || url === siteOrigin) return route.continue();
    if (embedPattern.test(url)) findings.embedsLoaded.push(url);
    else findings.offsiteRequests.push(`${route.request().method()} ${url.slice(0, 300)}`);
    return route.abort("blockedbyclient");
  });
  context.on("page", (page) => {
    page.on("dialog", (dialog) => {
      findings.executed.push(`dialog ${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    void page.opener().then((opener) => {
      if (opener === null) return;
      const from = opener.url();
      findings.navigations.push(`a popup opened from ${from}`);
      page.on("framenavigated", (frame) => findings.navigations.push(`the popup from ${from} went to ${frame.url()}`));
    });
  });
}

/** Splits the CSP reports out of `executed` (they come through the same binding). */
export function separateCspReports(findings: Findings): void {
  for (let i = findings.executed.length - 1; i >= 0; i--) {
    if (findings.executed[i].startsWith("csp-violation ")) findings.cspViolations.push(...findings.executed.splice(i, 1));
  }
}

/**
 * Watches one page's main frame for navigations the test did not make. `expect(url)` tells it where the test
 * is about to go; anything else (ignoring the fragment) is recorded.
 */
export function watchNavigations(page: Page, findings: Findings): { expect(url: string | RegExp): void } {
  let expected: (string | RegExp)[] = [];
  // Chromium re-encodes some characters of a URL it was given ("'" as %27): compare the decoded forms, without the fragment.
  const normalize = (url: string) => {
    const bare = url.replace(/#.*$/, "");
    try {
      return decodeURI(bare);
    } catch {
      return bare;
    }
  };
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    const url = normalize(frame.url());
    if (url === "about:blank") return;
    if (!expected.some((e) => (typeof e === "string" ? normalize(e) === url : e.test(url)))) findings.navigations.push(url.slice(0, 300));
  });
  return {
    expect(url) {
      expected = [url];
    },
  };
}

/**
 * What the page holds that could run or load, read from the live DOM (so after every script and every
 * parser repair): any `on*` attribute, a URL attribute with a javascript:, vbscript: or data: (other than
 * a raster image) scheme, scripts other than the site's own modules and its JSON data block, frames other
 * than a clicked video player, object/embed/base/meta-refresh/link in the body, and forms posting elsewhere.
 */
export async function scanDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const urlAttributes = new Set([
      "href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background", "data", "cite", "ping", "codebase", "longdesc", "lowsrc",
      "dynsrc", "to", "from", "values", "by", "manifest", "icon", "usemap", "srcdoc",
    ]);
    const describe = (element: Element) => `<${element.localName}${element.id ? `#${element.id}` : ""}> in ${element.parentElement?.closest("[class]")?.className ?? "?"}`;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore these inside a scheme, so the check does too.
    const clean = (value: string) => value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
    const dangerousUrl = (name: string, value: string) => {
      if (name === "srcdoc") return true;
      const candidates = name === "srcset" ? value.split(",").map((c) => c.trim().split(/\s+/)[0] ?? "") : [value];
      return candidates.some((candidate) => {
        const url = clean(candidate);
        if (/^(?:javascript|vbscript|livescript|jscript):/.test(url)) return true;
        return url.startsWith("data:") && !(name === "src" && /^data:image\/(?:png|gif|jpeg|webp);/.test(url));
      });
    };
    const all = [document.documentElement, ...document.documentElement.querySelectorAll("*")];
    const scan = (root: Element) => {
      for (const attribute of root.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on")) problems.push(`handler ${name}="${attribute.value.slice(0, 80)}" on ${describe(root)}`);
        if (urlAttributes.has(name) && dangerousUrl(name, attribute.value)) problems.push(`${name}="${attribute.value.slice(0, 80)}" on ${describe(root)}`);
      }
    };
    for (const element of all) {
      scan(element);
      const tag = element.localName;
      if (tag === "script") {
        const src = element.getAttribute("src");
        const type = element.getAttribute("type");
        const own = src !== null && type === "module" && new URL(src, location.href).origin === location.origin && new URL(src, location.href).pathname.startsWith("/assets/");
        const data = src === null && type === "application/json" && element.hasAttribute("data-wallet-state");
        if (!own && !data) problems.push(`script ${src ?? (element.textContent ?? "").slice(0, 80)} (type ${type})`);
      }
      if (tag === "iframe" || tag === "frame") {
        const src = element.getAttribute("src") ?? "";
        if (!/^https:\/\/(?:www\.youtube\.com\/embed\/[A-Za-z0-9_-]{6,20}|player\.vimeo\.com\/video\/\d{1,15})\?autoplay=1$/.test(src) || element.closest(".videoWrapper") === null) {
          problems.push(`frame ${src.slice(0, 120)}`);
        }
      }
      if (["object", "embed", "applet", "portal", "frameset", "base"].includes(tag)) problems.push(`<${tag}>`);
      if (tag === "meta" && element.hasAttribute("http-equiv")) problems.push(`meta http-equiv=${element.getAttribute("http-equiv")}`);
      if ((tag === "link" || tag === "meta" || tag === "style") && element.closest("body") !== null) problems.push(`<${tag}> in the body`);
      if (tag === "form") {
        const action = element.getAttribute("action");
        if (action !== null && new URL(action, location.href).origin !== location.origin) problems.push(`form action ${action}`);
      }
      if (element.shadowRoot !== null) for (const inner of element.shadowRoot.querySelectorAll("*")) scan(inner);
    }
    return problems;
  });
}

/**
 * Gives every element of the page the events a handler might wait for (pointer and mouse over/enter/move,
 * focus, animation and transition events), and clicks the links and images in user content (instrumentContext
 * stops a link's navigation at the window, after any handler on it has run). Returns how many elements got events.
 */
export async function provokeHandlers(page: Page): Promise<number> {
  return page.evaluate(() => {
    const types = ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove", "pointermove", "mousedown", "mouseup", "pointerdown", "pointerup"];
    const elements = [...document.body.querySelectorAll("*")];
    for (const element of elements) {
      for (const type of types) element.dispatchEvent(new MouseEvent(type, { bubbles: !type.endsWith("enter"), cancelable: true, view: window }));
      for (const type of ["focus", "focusin", "blur", "focusout"]) element.dispatchEvent(new FocusEvent(type, { bubbles: type.endsWith("in") || type.endsWith("out") }));
      for (const type of ["animationstart", "animationend", "transitionend", "toggle", "load", "error", "begin"]) element.dispatchEvent(new Event(type));
    }
    const content = document.querySelectorAll(".markdown a, .markdown img, .markdown div, .preview a, .preview img, .profile-header a, .community-sidebar a, .wallet-memo, .notification a");
    for (const element of content) {
      if (element.closest(".videoWrapper") !== null) continue;
      (element as HTMLElement).click();
    }
    return elements.length;
  });
}
