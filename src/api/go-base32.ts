// Go's encoding/base32 StdEncoding alphabet (RFC 4648), without the padding: kube-proxy's chain
// names and the API server's identity Lease name both hash with it.

/** base32.StdEncoding.WithPadding(NoPadding).EncodeToString. */
export function base32NoPadding(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
