import { urlEncode } from '../../../testing';
import { decodeHeaderValue } from './percent-decoding';

describe('decodeHeaderValue', () => {
  it('decodes what switch_url_encode writes', () => {
    expect(decodeHeaderValue('callcenter%3A%3Ainfo')).toBe('callcenter::info');
    expect(decodeHeaderValue('agent%20add%20agent1000%40default')).toBe('agent add agent1000@default');
    expect(decodeHeaderValue('Caf%C3%A9%20%F0%9F%8E%A7')).toBe('Café 🎧');
    expect(decodeHeaderValue('a+b')).toBe('a+b');
  });

  it('keeps a % that does not start an escape, without throwing', () => {
    expect(decodeHeaderValue('100%')).toBe('100%');
    expect(decodeHeaderValue('50% off%20today')).toBe('50% off today');
    expect(decodeHeaderValue('%zz%4')).toBe('%zz%4');
    expect(decodeHeaderValue('bad%C3%28utf8')).toBe('bad\uFFFD(utf8');
  });

  it('round-trips every value the simulator encodes', () => {
    for (const value of ['"" <sip:1000@192.0.2.2:5072>', 'tone_stream://%(2000,4000,440,480);loops=-1', 'a\nb\tc', 'ünï cødé', '100% {x=1}[y]']) {
      expect(decodeHeaderValue(urlEncode(value))).toBe(value);
    }
    expect(urlEncode('Sun, 22 Nov 2026 05:20:07 GMT')).toBe('Sun,%2022%20Nov%202026%2005%3A20%3A07%20GMT');
    expect(urlEncode('sofia/external/agent@192.0.2.2:5090')).toBe('sofia/external/agent%40192.0.2.2%3A5090');
  });
});
