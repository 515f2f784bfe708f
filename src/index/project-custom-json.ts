/**
 * The social custom_json ops (`follow`, `reblog`, `community`, `notify`): parsed by rules/custom-json.ts,
 * follows, reblogs and setLastRead applied here, community ops handed to project-communities.ts. An op
 * the rules ignore changes nothing; a refused community op becomes an `error` notification.
 */
import type { Operation } from "../core/protocol/operation-schemas.ts";
import { projectCommunityOperation } from "./project-communities.ts";
import { projectFollow } from "./project-follows.ts";
import { projectReblog } from "./project-reblogs.ts";
import type { ProjectionContext } from "./projector.ts";
import { legacyUnwrappedBlockNumLimit, parseSocialCustomJson } from "./rules/custom-json.ts";

/** Projects a custom_json op; false when the operation is not one. */
export async function projectCustomJsonOperation(context: ProjectionContext, operation: Operation): Promise<boolean> {
  if (operation.type !== "custom_json") return false;
  const op = parseSocialCustomJson(operation.value, context.time, { acceptLegacyUnwrapped: context.blockNum < legacyUnwrappedBlockNumLimit });
  if (op === null) return true;
  switch (op.kind) {
    case "ignored":
      return true;
    case "error":
    case "community":
      await projectCommunityOperation(context, op);
      return true;
    case "follow":
    case "follow_reset":
      await projectFollow(context, op);
      return true;
    case "reblog":
      await projectReblog(context, op);
      return true;
    case "notify":
      await context.tx.run("UPDATE accounts SET lastread_at = ? WHERE name = ?", [op.readAt, op.account]);
      return true;
  }
}
