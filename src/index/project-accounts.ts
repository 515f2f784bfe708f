/**
 * Accounts in the index: created by the chain's account operations (and the genesis accounts), with the
 * profile metadata of `account_update` / `account_update2` kept as the chain keeps it (a non-empty
 * `json_metadata` replaces the old one; `posting_json_metadata` likewise).
 */
import type { Operation } from "../core/protocol/operation-schemas.ts";
import { registerCommunityAccount } from "./project-communities.ts";
import type { ProjectionContext } from "./projector.ts";

export async function projectGenesisAccount(context: ProjectionContext, name: string): Promise<void> {
  await insertAccount(context, name, "", null);
}

/** `creator` made the account (null for genesis accounts); it becomes the admin of a community account. */
async function insertAccount(context: ProjectionContext, name: string, jsonMetadata: string, creator: string | null): Promise<void> {
  const id = context.takeId("next_account_id");
  await context.tx.run(
    `INSERT INTO accounts (id, name, created_at, json_metadata, posting_json_metadata, reputation, post_count, followers, following, lastread_at, active_at)
     VALUES (?, ?, ?, ?, '', NULL, 0, 0, 0, 0, ?)`,
    [id, name, context.time, jsonMetadata, context.time],
  );
  await registerCommunityAccount(context, name, creator);
}

/** Projects an account operation; false when the operation is not one. */
export async function projectAccountOperation(context: ProjectionContext, operation: Operation): Promise<boolean> {
  switch (operation.type) {
    case "account_create":
    case "account_create_with_delegation":
    case "create_claimed_account":
      await insertAccount(context, operation.value.new_account_name, operation.value.json_metadata, operation.value.creator);
      return true;
    case "account_update":
      if (operation.value.json_metadata.length > 0) {
        await context.tx.run("UPDATE accounts SET json_metadata = ? WHERE name = ?", [operation.value.json_metadata, operation.value.account]);
      }
      return true;
    case "account_update2": {
      const { account, json_metadata, posting_json_metadata } = operation.value;
      if (json_metadata.length > 0) await context.tx.run("UPDATE accounts SET json_metadata = ? WHERE name = ?", [json_metadata, account]);
      if (posting_json_metadata.length > 0) {
        await context.tx.run("UPDATE accounts SET posting_json_metadata = ? WHERE name = ?", [posting_json_metadata, account]);
      }
      return true;
    }
    default:
      return false;
  }
}

/** Names looked up per statement; a shorter list is padded with NULLs so every lookup reuses one prepared statement. */
const lookupChunk = 32;
const lookupSql = `SELECT name FROM accounts WHERE name IN (${Array(lookupChunk).fill("?").join(", ")})`;

/** Which of `names` are accounts in the index. */
export async function existingAccounts(context: ProjectionContext, names: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < names.length; start += lookupChunk) {
    const chunk: (string | null)[] = names.slice(start, start + lookupChunk);
    while (chunk.length < lookupChunk) chunk.push(null);
    for (const row of await context.tx.all<{ name: string }>(lookupSql, chunk)) found.add(row.name);
  }
  return found;
}
