// Checks which addresses the proxy refuses to fetch from: every private, loopback, link-local and reserved range, in both IP families.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isForbiddenAddress } from "./address-guard.ts";

test("private, loopback, link-local, multicast and unspecified addresses are forbidden", () => {
  const forbidden = [
    "0.0.0.0", "10.1.2.3", "100.64.0.1", "127.0.0.1", "127.255.255.254", "169.254.169.254", "172.16.0.1", "172.31.255.255",
    "192.168.1.1", "192.0.2.5", "198.18.0.1", "224.0.0.1", "239.255.255.250", "255.255.255.255",
    "::", "::1", "[::1]", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:192.168.0.1", "64:ff9b::a00:1", "2002:7f00:1::",
    "2001:db8::1", "not an address", "localhost", "",
  ];
  for (const address of forbidden) assert.equal(isForbiddenAddress(address), true, address);
});

test("public addresses are allowed", () => {
  for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "151.101.1.69", "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8"]) {
    assert.equal(isForbiddenAddress(address), false, address);
  }
});
