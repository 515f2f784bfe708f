// Worker-thread entry of signature-verifier.ts. It is plain JavaScript because Node 20 does not carry the
// parent's `--import tsx` hooks into worker threads; it registers tsx itself, then loads the TypeScript.
import { register } from "tsx/esm/api";

register();
const { serveSignatureVerifierWorker } = await import("./signature-verifier-batch.ts");
serveSignatureVerifierWorker();
