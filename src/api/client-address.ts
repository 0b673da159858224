/**
 * The client's address, as the sign-in limiter keys it. X-Forwarded-For is read only when the socket peer is
 * one of `server.trustedProxies`; the client is then the right-most address in the header that is not itself a
 * trusted proxy (addresses left of it were written by the client and prove nothing). Without trusted proxies
 * the header is ignored: anyone can send it.
 */
import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly empty: boolean;

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address, bits] = entry.split('/');
      const type = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.list.addAddress(address!, type);
      else this.list.addSubnet(address!, Number(bits), type);
    }
    this.empty = entries.length === 0;
  }

  has(address: string): boolean {
    const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
    const family = isIP(plain);
    if (family === 0) return false;
    return this.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** The client address from the socket peer and the X-Forwarded-For header's value. */
  clientOf(peer: string, forwardedFor: string | undefined): string {
    if (this.empty || !this.has(peer) || !forwardedFor) return peer;
    const hops = forwardedFor
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h !== '');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (isIP(hop) === 0) return hop.slice(0, 64); // not an address: keyed as sent, never trusted
      if (!this.has(hop)) return hop;
    }
    return hops[0] ?? peer;
  }
}

export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
