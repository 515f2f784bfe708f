/** `kettle keys`: derive keys from a name and password, generate a new master password, or show a WIF's public key. */
import { randomBytes } from "node:crypto";
import { base58 } from "@scure/base";
import { decodeWif, derivePrivateKeyFromLogin, encodeWif, formatPublicKey, getPublicKey, keyRoles } from "../core/crypto/keys.ts";
import { nativeSecp256k1 } from "../node/native-secp256k1.ts";
import { isValidAccountName } from "../core/protocol/validation.ts";
import { ConfigError } from "./config.ts";
import { addressPrefix } from "./genesis-file.ts";

function printKeys(name: string, password: string): void {
  for (const role of keyRoles) {
    const secret = derivePrivateKeyFromLogin(name, password, role);
    console.log(`${role.padEnd(8)} ${encodeWif(secret)}  ${formatPublicKey(getPublicKey(nativeSecp256k1, secret), addressPrefix)}`);
  }
}

export function runKeysCommand(args: readonly string[]): number {
  const [action, first, second] = args;
  if (action === "derive" && first !== undefined && second !== undefined) {
    printKeys(first, second);
    return 0;
  }
  if (action === "generate" && first !== undefined) {
    if (!isValidAccountName(first)) throw new ConfigError(`"${first}" is not a valid account name`);
    const password = `P5${base58.encode(new Uint8Array(randomBytes(32)))}`;
    console.log(`name     ${first}\npassword ${password}   (keep it safe: it controls the account)`);
    printKeys(first, password);
    return 0;
  }
  if (action === "public" && first !== undefined) {
    const secret = decodeWif(first);
    if (secret === null) throw new ConfigError("that is not a valid WIF private key");
    console.log(formatPublicKey(getPublicKey(nativeSecp256k1, secret), addressPrefix));
    return 0;
  }
  throw new ConfigError("usage: kettle keys derive NAME PASSWORD | keys generate NAME | keys public WIF");
}
