import { networkQuality } from './phone-status';

describe('networkQuality', () => {
  it('grades by estimated MOS when there is one', () => {
    expect(networkQuality({ at: 0, mos: 4.3 })).toBe('good');
    expect(networkQuality({ at: 0, mos: 3.8 })).toBe('fair');
    expect(networkQuality({ at: 0, mos: 2.9, packetLoss: 0 })).toBe('poor');
  });

  it('falls back to loss and round-trip time, and says unknown before the first report', () => {
    expect(networkQuality({ at: 0, packetLoss: 0.002, rttMs: 40 })).toBe('good');
    expect(networkQuality({ at: 0, packetLoss: 0.03, rttMs: 40 })).toBe('fair');
    expect(networkQuality({ at: 0, packetLoss: 0, rttMs: 600 })).toBe('poor');
    expect(networkQuality({ at: 0 })).toBe('unknown');
    expect(networkQuality(undefined)).toBe('unknown');
  });
});
