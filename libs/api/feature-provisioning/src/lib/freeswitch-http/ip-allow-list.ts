import { BlockList, isIP } from 'node:net';

/** An entry of FREESWITCH_HTTP_ALLOW is not an IPv4/IPv6 address or CIDR range. */
export class InvalidAllowListEntryError extends Error {
  override readonly name = 'InvalidAllowListEntry';
}

/**
 * The addresses allowed to call /freeswitch/*: IPv4 and IPv6 addresses and CIDR ranges. An IPv4 client seen as
 * `::ffff:a.b.c.d` (a dual-stack listener) matches IPv4 entries, and an IPv6-mapped entry matches plain IPv4.
 * An empty list allows everyone.
 */
export class IpAllowList {
  private readonly ranges = new BlockList();

  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) this.add(entry.trim());
  }

  /** Whether the list is empty (no restriction). */
  get isOpen(): boolean {
    return this.entries.length === 0;
  }

  /** Whether `address` (as Express reports it; may be undefined for a closed socket) is allowed. */
  allows(address: string | undefined): boolean {
    if (this.isOpen) return true;
    if (!address) return false;
    const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const family = isIP(plain);
    if (family === 0) return false;
    return this.ranges.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }

  private add(entry: string): void {
    const [address = '', prefixText, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
    const prefixIsNumber = prefixText === undefined || /^\d{1,3}$/.test(prefixText);
    if (family === 0 || rest.length > 0 || !prefixIsNumber || prefix > maxPrefix) {
      throw new InvalidAllowListEntryError(`"${entry}" is not an IPv4/IPv6 address or CIDR range`);
    }
    this.ranges.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
}
