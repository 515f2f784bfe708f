// bench:index's load generator reads responses as they come (bench/index-load.ts): whatever way the bytes
// are split across reads, each response is seen once, whole when it is an error, with its status — and
// nothing is taken from the read buffer after the read (the connection reuses it for the next one).
import assert from "node:assert/strict";
import { test } from "node:test";
import { responseReader } from "../../bench/index-load.ts";

const ok = (body: string) => `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const goodBody = `{"jsonrpc":"2.0","result":[${"1,".repeat(300)}1],"id":1}`;
const errorBody = '{"jsonrpc":"2.0","error":{"code":-32602,"message":"bad"},"id":2}';
const chunked = (body: string) => `HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\n\r\n${(5).toString(16)}\r\n${body.slice(0, 5)}\r\n${(body.length - 5).toString(16)}\r\n${body.slice(5)}\r\n0\r\n\r\n`;

test("responses split anywhere are read once each, errors whole", () => {
  const stream = Buffer.from(ok(goodBody) + ok(errorBody) + chunked("service busy") + ok("é".repeat(40)));
  for (const step of [1, 2, 7, 64, 1000, stream.length]) {
    const seen: { status: number; body: string }[] = [];
    const feed = responseReader((response) => seen.push({ status: response.status, body: response.body.toString() }));
    const scratch = Buffer.alloc(step);
    for (let at = 0; at < stream.length; at += step) {
      const bytes = stream.copy(scratch, 0, at, at + step);
      feed(scratch.subarray(0, bytes));
      scratch.fill("x");
    }
    assert.equal(seen.length, 4, `step ${step}`);
    assert.deepEqual(seen.map((r) => r.status), [200, 200, 503, 200]);
    // A good answer is known by its first bytes; an error is kept whole to be reported.
    assert.ok(goodBody.startsWith(seen[0].body) && seen[0].body.length >= 24, `step ${step}: ${seen[0].body}`);
    assert.equal(seen[1].body, errorBody);
    assert.equal(seen[2].body, "service busy");
  }
});
