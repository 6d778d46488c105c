// No imports on purpose: tools/jest/asterisk-setup.ts (a Jest global setup, transpiled without the tsconfig path
// mapping) imports this file directly.

/**
 * The address a loopback-only test namespace adds to `lo` for Asterisk: res_rtp_asterisk never offers loopback ICE
 * candidates, so with only 127.0.0.1 its calls connect without media. TEST-NET-1, routed nowhere.
 */
export const ASTERISK_TEST_ADDRESS = '192.0.2.1/32';
