/**
 * The reputation score people see (hivemind `rep_log10`; condenser shows its integer part): 25 for a new
 * account, 9 points more for every tenfold of raw reputation above 10^9, the log taken from the leading
 * four digits so that it reads the same from Python, JavaScript and here.
 */
export function formatReputation(raw: bigint): number {
  if (raw === 0n) return 25;
  const negative = raw < 0n;
  const digits = (negative ? -raw : raw).toString();
  const leading = Math.log10(Number(digits.slice(0, 4))) + 0.00000001;
  let level = digits.length - 1 + (leading - Math.floor(leading)) - 9;
  if (level < 0) level = 0;
  if (negative) level = -level;
  return Math.round((level * 9 + 25) * 100) / 100;
}
