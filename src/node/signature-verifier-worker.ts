// Worker-thread entry of signature-verifier.ts; bundled to plain JavaScript by signature-verifier-worker-bundle.ts.
import { serveSignatureVerifierWorker } from "./signature-verifier-batch.ts";

serveSignatureVerifierWorker();
