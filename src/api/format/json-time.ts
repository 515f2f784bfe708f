/**
 * fc::time_point_sec as JSON text: `YYYY-MM-DDTHH:MM:SS`, UTC, no zone, no fraction.
 *
 * steemd prints through boost's 32-bit signed seconds, so every value from 2^31 up prints as a date
 * before 1970; in particular the "never" value 0xFFFFFFFF prints as `1969-12-31T23:59:59`, which clients
 * (condenser's payout checks) compare against. We print the same, and parse those dates back to the
 * same seconds so that format → parse is the identity.
 */
import { assert } from "../../stdx/assert.ts";
import { ChainError } from "../../core/errors.ts";
import { describeJson } from "./json-value.ts";

/** The largest time a time_point_sec holds (printed as `1969-12-31T23:59:59`). */
export const timeSecondsMax = 0xffffffff;

const int32Max = 2 ** 31 - 1;
const int32Min = -(2 ** 31);
const uint32Count = 2 ** 32;
const yearMin = 1901;
const yearMax = 2106;
// A trailing `Z` is tolerated because clients build times with `toISOString()`; fractions are not.
const timePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z?$/;

/** Seconds since the epoch (uint32) as steemd prints them: `2024-11-28T12:00:00`. */
export function formatTime(seconds: number): string {
  assert(Number.isInteger(seconds) && seconds >= 0 && seconds <= timeSecondsMax, `time ${seconds} is not a uint32`);
  const signedSeconds = seconds > int32Max ? seconds - uint32Count : seconds;
  return new Date(signedSeconds * 1000).toISOString().slice(0, 19);
}

/**
 * Parses `YYYY-MM-DDTHH:MM:SS` (optionally ending in `Z`) to uint32 seconds. Dates from 1901-12-13T20:45:52
 * to 1969-12-31T23:59:59 are the wrapped prints of values from 2^31 up (see above); anything outside
 * 1901–2106 or not a real calendar date is an `invalid_field` ChainError.
 */
export function parseTime(text: string): number {
  const match = typeof text === "string" ? timePattern.exec(text) : null;
  if (match === null) {
    throw new ChainError("invalid_field", `expected a time like "2024-11-28T12:00:00", got ${describeJson(text)}`);
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (year < yearMin || year > yearMax) throw new ChainError("invalid_field", `time ${text} is outside the years ${yearMin}–${yearMax}`);
  const milliseconds = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(milliseconds);
  const isCalendarDate = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!isCalendarDate || hour > 23 || minute > 59 || second > 59) throw new ChainError("invalid_field", `time ${text} is not a valid date`);
  const seconds = milliseconds / 1000;
  if (seconds < int32Min || seconds > timeSecondsMax) throw new ChainError("invalid_field", `time ${text} does not fit in 32 bits`);
  return seconds < 0 ? seconds + uint32Count : seconds;
}
