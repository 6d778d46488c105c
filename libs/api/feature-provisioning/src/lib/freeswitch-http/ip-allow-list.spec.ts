import { InvalidAllowListEntryError, IpAllowList } from './ip-allow-list';

describe('IpAllowList', () => {
  const list = new IpAllowList(['10.0.0.0/8', '192.168.1.20', 'fd00::/8', '::1']);

  it('matches IPv4 ranges and single addresses', () => {
    expect(list.allows('10.200.3.4')).toBe(true);
    expect(list.allows('192.168.1.20')).toBe(true);
    expect(list.allows('192.168.1.21')).toBe(false);
    expect(list.allows('11.0.0.1')).toBe(false);
  });

  it('matches IPv4 clients a dual-stack listener reports as IPv4-mapped IPv6', () => {
    expect(list.allows('::ffff:10.1.2.3')).toBe(true);
    expect(list.allows('::ffff:0a01:0203')).toBe(true);
    expect(list.allows('::ffff:172.16.0.1')).toBe(false);
    expect(new IpAllowList(['::ffff:172.16.0.0/108']).allows('172.16.0.9')).toBe(true);
  });

  it('matches IPv6 ranges, loopback and bracketed or zoned forms', () => {
    expect(list.allows('fd12:3456::1')).toBe(true);
    expect(list.allows('::1')).toBe(true);
    expect(list.allows('[::1]')).toBe(true);
    expect(list.allows('fe80::1%eth0')).toBe(false);
    expect(list.allows('2001:db8::1')).toBe(false);
  });

  it('refuses what is not an address at all, and a missing address', () => {
    expect(list.allows('localhost')).toBe(false);
    expect(list.allows('')).toBe(false);
    expect(list.allows(undefined)).toBe(false);
  });

  it('allows everyone when empty', () => {
    expect(new IpAllowList([]).allows('203.0.113.9')).toBe(true);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', '10.0.0.1/-1', '10.0.0/8', 'example.com', '10.0.0.0/8/8', '10.0.0.0/'])(
    'rejects the entry %s',
    (entry) => {
      expect(() => new IpAllowList([entry])).toThrow(InvalidAllowListEntryError);
    },
  );
});
