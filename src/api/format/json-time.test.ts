// Checks that times print as steemd prints them (no zone, "never" as 1969-12-31T23:59:59) and that only real dates in range parse.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChainError } from "../../core/errors.ts";
import { formatTime, parseTime, timeSecondsMax } from "./json-time.ts";

test("formats seconds without zone or fraction, the upper half wrapping as boost's 32-bit seconds do", () => {
  assert.equal(formatTime(0), "1970-01-01T00:00:00");
  assert.equal(formatTime(1589983200), "2020-05-20T14:00:00");
  assert.equal(formatTime(2 ** 31 - 1), "2038-01-19T03:14:07");
  assert.equal(formatTime(timeSecondsMax), "1969-12-31T23:59:59");
  assert.equal(formatTime(2 ** 31), "1901-12-13T20:45:52");
});

test("parse is the inverse of format over the whole uint32 range", () => {
  for (const seconds of [0, 1, 1589983200, 2 ** 31 - 1, 2 ** 31, 3e9, timeSecondsMax]) assert.equal(parseTime(formatTime(seconds)), seconds);
  assert.equal(parseTime("2106-02-07T06:28:15"), timeSecondsMax);
  assert.equal(parseTime("2100-01-01T00:00:00"), 4102444800);
});

test("a trailing Z is tolerated; fractions, offsets, other layouts and non-strings are not", () => {
  assert.equal(parseTime("2020-05-20T14:00:00Z"), 1589983200);
  for (const text of ["2020-05-20T14:00:00.000", "2020-05-20T14:00:00.000Z", "2020-05-20T14:00:00+00:00", "2020-05-20 14:00:00", "20200520T140000", "2020-5-20T14:00:00", "", " 2020-05-20T14:00:00"]) {
    assert.throws(() => parseTime(text), { name: "ChainError", code: "invalid_field" }, text);
  }
  assert.throws(() => parseTime(1589983200 as never), /expected a time like "2024-11-28T12:00:00", got 1589983200/);
});

test("impossible dates and years outside 1901–2106 are refused with the reason", () => {
  for (const text of ["2021-02-29T00:00:00", "2020-13-01T00:00:00", "2020-00-10T00:00:00", "2020-04-31T00:00:00", "2020-05-20T24:00:00", "2020-05-20T23:60:00", "2020-05-20T23:59:60"]) {
    assert.throws(() => parseTime(text), (error: ChainError) => error.code === "invalid_field" && error.message.includes("not a valid date"), text);
  }
  assert.equal(parseTime("2020-02-29T00:00:00"), 1582934400);
  assert.throws(() => parseTime("2107-01-01T00:00:00"), /outside the years 1901–2106/);
  assert.throws(() => parseTime("0050-01-01T00:00:00"), /outside the years/);
  assert.throws(() => parseTime("2106-02-07T06:28:16"), /does not fit in 32 bits/);
  assert.throws(() => parseTime("1901-12-13T20:45:51"), /does not fit in 32 bits/);
});
