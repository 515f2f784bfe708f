/**
 * For tests in Node: in-memory sessionStorage and localStorage and a `document.cookie` jar, installed on
 * globalThis, so the library's modules run as they do in a browser. Not part of any bundle.
 */

/** A Storage that keeps its items in a Map. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  [name: string]: any;

  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}

/** Cookies as a browser's document.cookie keeps them: writing one line sets or (Max-Age=0) deletes one cookie. */
export class CookieJar {
  readonly cookies = new Map<string, { value: string; attributes: string }>();

  get cookie(): string {
    return [...this.cookies].map(([name, { value }]) => `${name}=${value}`).join("; ");
  }
  set cookie(line: string) {
    const [pair, ...attributes] = line.split(";").map((part) => part.trim());
    const at = pair.indexOf("=");
    const name = pair.slice(0, at);
    if (attributes.some((a) => /^max-age=0$/i.test(a))) this.cookies.delete(name);
    else this.cookies.set(name, { value: pair.slice(at + 1), attributes: attributes.join("; ") });
  }
}

export interface BrowserGlobals {
  readonly sessionStorage: MemoryStorage;
  readonly localStorage: MemoryStorage;
  readonly document: CookieJar;
}

/** Installs fresh browser globals (replacing earlier ones) and returns them for inspection. */
export function installBrowserGlobals(): BrowserGlobals {
  const globals = { sessionStorage: new MemoryStorage(), localStorage: new MemoryStorage(), document: new CookieJar() };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  return globals;
}
