/** Account names as the chain accepts them, with a reason a person can act on when one is refused. */
import { accountNameLengthMax, accountNameLengthMin } from "../../../core/protocol/config.ts";

/** Shortest part between dots (steemd's is_valid_account_name). */
const segmentLengthMin = 3;

/**
 * Why `name` cannot be a Steem account name, or null when it can: 3–16 characters, lower case, parts between
 * dots of at least 3 characters, each starting with a letter and ending with a letter or digit, with only
 * letters, digits and dashes in between.
 */
export function describeAccountNameProblem(name: string): string | null {
  if (typeof name !== "string" || name === "") return "Enter an account name.";
  if (name.length < accountNameLengthMin) return `An account name needs at least ${accountNameLengthMin} characters.`;
  if (name.length > accountNameLengthMax) return `An account name has at most ${accountNameLengthMax} characters.`;
  if (name !== name.toLowerCase()) return "An account name is all lower case.";
  for (const segment of name.split(".")) {
    const part = name.includes(".") ? `Each part between dots ("${segment}")` : "An account name";
    if (segment.length < segmentLengthMin) return `${part} needs at least ${segmentLengthMin} characters.`;
    if (!/^[a-z]/.test(segment)) return `${part} must start with a letter.`;
    if (!/^[a-z0-9-]*$/.test(segment)) return `${part} may hold only letters, digits and dashes.`;
    if (!/[a-z0-9]$/.test(segment)) return `${part} must end with a letter or a digit.`;
  }
  return null;
}

/** True when `name` is a valid account name (see `describeAccountNameProblem` for the reason when not). */
export function isValidAccountName(name: string): boolean {
  return describeAccountNameProblem(name) === null;
}
