/**
 * A dev node with the demo content (alice, bob, carol, dave, the seed post in syria with votes and replies)
 * and the web site on a free loopback port, for page and browser tests. `fetchPage` reads a page as a reader
 * would (optionally as a logged-in observer, through the name cookie).
 */
import { decodeWif } from "../../src/core/crypto/keys.ts";
import { createDemoContent } from "../../src/cli/demo.ts";
import { devInitWif } from "../../src/cli/run-node.ts";
import { nativeSecp256k1 } from "../../src/node/native-secp256k1.ts";
import { type TestNode, startTestNode } from "./test-chain.ts";

export interface DemoSite extends TestNode {
  readonly url: string;
  /** GET a path; `observer` sends the `kettle_user` cookie. Redirects are not followed. */
  fetchPage(path: string, observer?: string): Promise<{ status: number; text: string; headers: Headers }>;
  /** Waits until the social index has every block produced so far. */
  settle(): Promise<void>;
}

export async function startDemoSite(extraArgs: readonly string[] = []): Promise<DemoSite> {
  const node = await startTestNode(extraArgs);
  const { running } = node;
  await createDemoContent(running.node, nativeSecp256k1, decodeWif(devInitWif)!, running.site.images.store);
  const settle = async () => {
    running.node.produceBlock();
    await running.index.follower.poke();
  };
  await settle();
  return {
    ...node,
    url: running.url,
    settle,
    async fetchPage(path, observer) {
      const response = await fetch(`${running.url}${path}`, { redirect: "manual", headers: observer === undefined ? {} : { cookie: `kettle_user=${observer}` } });
      return { status: response.status, text: await response.text(), headers: response.headers };
    },
  };
}
