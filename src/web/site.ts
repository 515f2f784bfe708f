/**
 * Puts the web site together for a running process: the client scripts (built once), the image service in
 * the data directory, the page app over the RPC router, and the sign-up and preview endpoints.
 */
import type { RpcRouter } from "../api/rpc/dispatch.ts";
import type { Secp256k1 } from "../core/crypto/secp256k1.ts";
import { buildClientBundles, createClientAssets } from "./client-bundle.ts";
import { clientEntries } from "./client-entries.ts";
import { createImageAccountLookup } from "./image-accounts.ts";
import { type ImageLimits, type ImageService, createImageService, matchImageRoute } from "./images/image-service.ts";
import { createPassThrough } from "./pass-through.ts";
import { createPreviewEndpoint } from "./preview-endpoint.ts";
import { type Registrar, type SignupLimits, createSignupEndpoint } from "./signup-endpoint.ts";
import { type WebApp, createWebApp, proxifyImage } from "./web-app.ts";
import { createWebApi } from "./web-api.ts";

export interface SiteOptions {
  readonly router: RpcRouter;
  readonly dataDir: string;
  readonly secp: Secp256k1;
  readonly siteName?: string;
  /** Creates accounts for sign-ups; absent: sign-up is closed. */
  readonly registrar?: Registrar;
  readonly signupLimits?: SignupLimits;
  readonly imageLimits?: Partial<ImageLimits>;
  /** Lets the image proxy fetch from loopback and private addresses (tests only). */
  readonly allowPrivateImageAddresses?: boolean;
}

export interface Site {
  readonly app: WebApp;
  /** Settles once the client scripts are built (pages wait for them; JSON-RPC does not). */
  readonly ready: Promise<void>;
  readonly images: ImageService;
  close(): Promise<void>;
}

export function createSite(options: SiteOptions): Site {
  const assets = createClientAssets(buildClientBundles(clientEntries));
  const api = createWebApi(options.router);
  const images = createImageService({
    dataDir: options.dataDir,
    secp: options.secp,
    accountOf: createImageAccountLookup(api),
    limits: options.imageLimits,
    allowPrivateAddresses: options.allowPrivateImageAddresses === true,
  });
  const endpoints: Record<string, ReturnType<typeof createPreviewEndpoint>> = { "/api/render": createPreviewEndpoint({ proxifyImage }) };
  if (options.registrar !== undefined) endpoints["/api/signup"] = createSignupEndpoint(options.registrar, options.signupLimits);
  const app = createWebApp({
    router: options.router, siteName: options.siteName, assets, images,
    signupOpen: options.registrar !== undefined, endpoints,
  });
  return { app, images, ready: assets.ready, close: () => images.close() };
}

/**
 * The site of a `kettle api` process: pages from its own index, images and sign-ups handed to the producer
 * (which holds the image store and the registrar's key).
 */
export function createForwardingSite(options: { router: RpcRouter; producer: URL; siteName?: string }): Pick<Site, "app" | "ready"> {
  const assets = createClientAssets(buildClientBundles(clientEntries));
  const passThrough = createPassThrough(options.producer);
  const images = {
    handle(request: Parameters<typeof passThrough>[0], response: Parameters<typeof passThrough>[1]) {
      if (matchImageRoute(request.method, request.url) === null) return false;
      passThrough(request, response);
      return true;
    },
  };
  const app = createWebApp({
    router: options.router, siteName: options.siteName, assets, images, signupOpen: true,
    endpoints: { "/api/render": createPreviewEndpoint({ proxifyImage }), "/api/signup": (request, response) => passThrough(request, response) },
  });
  return { app, ready: assets.ready };
}
