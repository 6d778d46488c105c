import { createTestSoftphone, type TestSoftphone } from '../../testing/test-softphone';
import { orderCodecs } from './codecs';
import { resolveWebSocketUrl, SIP_PROFILES } from './profiles';
import { estimateMos, summarizeStats } from './stats';
import { CallState, type CallStats } from './types';

describe('call quality', () => {
  it('estimates MOS from the simplified E-model: a clean call ~4.4, heavy loss and latency far lower', () => {
    // d = 20/2 + 2*2 + 10 = 24 ms → R = 93.2 - 0.6 = 92.6 → MOS 4.40; 5 % loss costs 12.5 R → 4.03
    expect(estimateMos(20, 2, 0)).toBeCloseTo(4.4, 2);
    expect(estimateMos(20, 2, 0.05)).toBeCloseTo(4.03, 2);
    expect(estimateMos(600, 60, 0.2)).toBeLessThan(2);
    expect(estimateMos(5000, 500, 1)).toBe(1);
  });

  it('summarises getStats() with loss over the interval, not since the call started', () => {
    const report = (received: number, lost: number) => [
      {
        id: 'i',
        type: 'inbound-rtp',
        kind: 'audio',
        packetsReceived: received,
        packetsLost: lost,
        jitter: 0.01,
        codecId: 'c',
      },
      { id: 'r', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.05 },
      { id: 'c', type: 'codec', mimeType: 'audio/PCMA' },
    ];
    const first = summarizeStats(report(90, 10), undefined, 1);
    expect(first.stats).toMatchObject({ packetsReceived: 90, packetLoss: 0.1, rttMs: 50, jitterMs: 10, codec: 'PCMA' });
    const second = summarizeStats(report(190, 10), first.baseline, 2);
    expect(second.stats.packetLoss).toBe(0);
  });

  describe('sampling during a call', () => {
    let t: TestSoftphone;
    afterEach(async () => t.dispose());

    it('emits samples whose packetsReceived rises while the call lasts', async () => {
      t = createTestSoftphone({ statsIntervalMs: 40 });
      await t.phone.start(t.account);
      t.server.onInvite = (invite) => invite.answer();
      const samples: CallStats[] = [];
      t.phone.on('statsSampled', ({ stats }) => samples.push(stats));
      const call = await t.phone.dial('2000');
      await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(samples.length).toBeGreaterThanOrEqual(2);
      const [first] = samples;
      const last = samples[samples.length - 1];
      expect(last.packetsReceived ?? 0).toBeGreaterThan(first.packetsReceived ?? 0);
      expect(last).toMatchObject({ rttMs: 20, codec: 'opus' });
      expect(last.mos ?? 0).toBeGreaterThan(4);
      expect(t.phone.stats.get(call.id)).toBe(samples.at(-1));
    });
  });
});

describe('codecs and profiles', () => {
  const caps = ['audio/opus', 'audio/red', 'audio/PCMU', 'audio/PCMA', 'audio/telephone-event'].map((mimeType) => ({
    mimeType,
  }));

  it('puts PCMA first but keeps the rest for "opus-first"-style preferences', () => {
    expect(orderCodecs(caps, ['PCMU', 'opus']).map((c) => c.mimeType)).toEqual([
      'audio/PCMU',
      'audio/opus',
      'audio/telephone-event',
    ]);
    expect(orderCodecs(caps, 'opus-first')[0]?.mimeType).toBe('audio/opus');
    expect(orderCodecs(caps, 'default')).toEqual(caps);
  });

  it('fills in the FreeSWITCH WSS port and the Asterisk /ws path', () => {
    expect(resolveWebSocketUrl('wss://pbx.example.com', SIP_PROFILES.freeswitch)).toBe('wss://pbx.example.com:7443');
    expect(resolveWebSocketUrl('wss://pbx.example.com', SIP_PROFILES.asterisk)).toBe('wss://pbx.example.com:8089/ws');
    expect(resolveWebSocketUrl('ws://127.0.0.1:8080/sip', SIP_PROFILES.generic)).toBe('ws://127.0.0.1:8080/sip');
  });
});
