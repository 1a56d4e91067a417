/**
 * SSRF guard, the pure part: classify an IP address and decide whether a policy allows it.
 * Platform-neutral (no DNS here); the Node transport calls checkAddress on every resolved address.
 */
import { FetchError } from './errors.js';
import type { AddressPolicy } from './types.js';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private' // RFC 1918, ULA fc00::/7, site-local, benchmark 198.18/15
  | 'cgnat' // 100.64.0.0/10
  | 'link_local' // 169.254/16, fe80::/10
  | 'metadata' // cloud instance metadata endpoints: never allowed
  | 'multicast'
  | 'unspecified' // 0.0.0.0/8, ::
  | 'reserved'; // 240/4, broadcast, documentation, Teredo, discard…

const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', '168.63.129.16']);

export function parseIPv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** Eight 16-bit groups, or null. Accepts zone ids, brackets and an embedded dotted IPv4 tail. */
export function parseIPv6(input: string): number[] | null {
  let s = input.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const pct = s.indexOf('%');
  if (pct >= 0) s = s.slice(0, pct);
  if (!s.includes(':')) return null;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (!v4) return null;
    const hex = (n: number) => n.toString(16);
    s = `${s.slice(0, lastColon + 1)}${hex((v4[0]! << 8) | v4[1]!)}:${hex((v4[2]! << 8) | v4[3]!)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const toGroups = (h: string): number[] | null => {
    if (h === '') return [];
    const gs = h.split(':');
    const out: number[] = [];
    for (const g of gs) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = toGroups(halves[0]!);
  const rest = halves.length === 2 ? toGroups(halves[1]!) : [];
  if (!head || !rest) return null;
  const want = 8;
  let groups: number[];
  if (halves.length === 2) {
    const fill = want - head.length - rest.length;
    if (fill < 1) return null;
    groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== want) return null;
  return groups;
}

function classifyV4(b: number[]): AddressClass {
  const [a, b1, c] = [b[0]!, b[1]!, b[2]!];
  const dotted = b.join('.');
  if (METADATA_V4.has(dotted)) return 'metadata';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b1 >= 16 && b1 <= 31) || (a === 192 && b1 === 168)) return 'private';
  if (a === 100 && b1 >= 64 && b1 <= 127) return 'cgnat';
  if (a === 169 && b1 === 254) return 'link_local';
  if (a === 198 && (b1 === 18 || b1 === 19)) return 'private';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  if (a === 192 && b1 === 0 && (c === 0 || c === 2)) return 'reserved';
  if ((a === 198 && b1 === 51 && c === 100) || (a === 203 && b1 === 0 && c === 113)) return 'reserved';
  return 'public';
}

function v4From(hi: number, lo: number): number[] {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}

function classifyV6(g: number[]): AddressClass {
  const allZero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (allZero(0, 8)) return 'unspecified';
  if (allZero(0, 7) && g[7] === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d
  if (allZero(0, 5) && g[5] === 0xffff) return classifyV4(v4From(g[6]!, g[7]!));
  if (allZero(0, 6)) return classifyV4(v4From(g[6]!, g[7]!));
  if (allZero(0, 4) && g[4] === 0xffff && g[5] === 0) return classifyV4(v4From(g[6]!, g[7]!));
  // NAT64 64:ff9b::/96 and 64:ff9b:1::/48 embed an IPv4 address
  if (g[0] === 0x64 && g[1] === 0xff9b) return classifyV4(v4From(g[6]!, g[7]!));
  // 6to4 2002:V4V4::/16
  if (g[0] === 0x2002) return classifyV4(v4From(g[1]!, g[2]!));
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && allZero(2, 7) && g[7] === 0x254) return 'metadata';
  const first = g[0]!;
  if ((first & 0xffc0) === 0xfe80) return 'link_local';
  if ((first & 0xffc0) === 0xfec0) return 'private';
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if (first === 0x2001 && (g[1] === 0x0db8 || g[1] === 0)) return 'reserved'; // documentation, Teredo
  if (first === 0x0100 && allZero(1, 4)) return 'reserved'; // discard-only
  return 'public';
}

/** Class of an IP literal, or null when `ip` is not an IP address. */
export function classifyAddress(ip: string): AddressClass | null {
  const v4 = parseIPv4(ip);
  if (v4) return classifyV4(v4);
  const v6 = parseIPv6(ip);
  if (v6) return classifyV6(v6);
  return null;
}

export function isAllowedClass(cls: AddressClass, policy: AddressPolicy): boolean {
  switch (cls) {
    case 'public':
      return true;
    case 'loopback':
      return policy.allowLoopback === true;
    case 'private':
    case 'cgnat':
    case 'link_local':
      return policy.allowPrivate === true;
    default:
      return false; // metadata, multicast, unspecified, reserved: never
  }
}

/** Throws FetchError('blocked_address') unless the policy allows connecting to `ip`. */
export function checkAddress(ip: string, policy: AddressPolicy, url?: string): void {
  const cls = classifyAddress(ip);
  if (cls === null) throw new FetchError('blocked_address', `not an IP address: ${ip}`, { url });
  if (!isAllowedClass(cls, policy)) {
    throw new FetchError('blocked_address', `refusing to connect to ${cls} address ${ip}`, { url });
  }
}

/** Host names that are loopback by definition (RFC 6761) or well-known internal names. */
export function checkHostName(hostname: string, policy: AddressPolicy, url?: string): void {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) {
    if (!policy.allowLoopback) throw new FetchError('blocked_address', `refusing loopback host ${h}`, { url });
    return;
  }
  if (h === 'metadata.google.internal' || h === 'metadata') {
    throw new FetchError('blocked_address', `refusing metadata host ${h}`, { url });
  }
  const literal = h.startsWith('[') ? h.slice(1, -1) : h;
  if (classifyAddress(literal) !== null) checkAddress(literal, policy, url);
}
