/**
 * Addresses the image proxy must never fetch from, so a crafted URL cannot reach the node's own services
 * or its private network (SSRF): private, loopback, link-local, shared, multicast, reserved, documentation
 * and unspecified ranges of IPv4 and IPv6, including IPv4 written inside IPv6 (mapped, NAT64, 6to4).
 */
import { BlockList, isIP } from "node:net";

const blockedSubnets: readonly (readonly [string, number, "ipv4" | "ipv6"])[] = [
  ["0.0.0.0", 8, "ipv4"], // "this network", including the unspecified address
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"], // carrier-grade NAT
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"], // link-local, where cloud metadata services live
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.0.2.0", 24, "ipv4"],
  ["192.88.99.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["198.51.100.0", 24, "ipv4"],
  ["203.0.113.0", 24, "ipv4"],
  ["224.0.0.0", 4, "ipv4"], // multicast
  ["240.0.0.0", 4, "ipv4"], // reserved and broadcast
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  ["64:ff9b::", 96, "ipv6"], // NAT64, which can reach any IPv4 address
  ["64:ff9b:1::", 48, "ipv6"],
  ["100::", 64, "ipv6"], // discard
  ["2001:db8::", 32, "ipv6"], // documentation
  ["2002::", 16, "ipv6"], // 6to4, which embeds IPv4
  ["fc00::", 7, "ipv6"], // unique local
  ["fe80::", 10, "ipv6"], // link-local
  ["fec0::", 10, "ipv6"], // old site-local
  ["ff00::", 8, "ipv6"], // multicast
];

const blockList = new BlockList();
for (const [network, prefix, family] of blockedSubnets) blockList.addSubnet(network, prefix, family);

/** True for any address the proxy must not connect to, and for anything that is not an IP address at all. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 0) return true;
  // BlockList matches IPv4-mapped IPv6 (::ffff:a.b.c.d) against the IPv4 rules too.
  return blockList.check(bare, family === 4 ? "ipv4" : "ipv6");
}
