import { sipWebSocketUrl } from './sip-ws-url';

describe('sipWebSocketUrl', () => {
  it('uses SIP_WS_URL when it is set', () => {
    expect(
      sipWebSocketUrl('wss://edge.example.com/sip', { secure: false, hostname: 'app.example.com' }, 'sb.test'),
    ).toBe('wss://edge.example.com/sip');
  });

  it("derives FreeSWITCH's listener on the host the browser used: WSS for HTTPS pages, WS for plain HTTP", () => {
    expect(sipWebSocketUrl(undefined, { secure: true, hostname: 'cc.example.com' }, 'sb.test')).toBe(
      'wss://cc.example.com:7443',
    );
    expect(sipWebSocketUrl(undefined, { secure: false, hostname: 'localhost' }, 'sb.test')).toBe('ws://localhost:5066');
    expect(sipWebSocketUrl(undefined, { secure: true, hostname: '::1' }, 'sb.test')).toBe('wss://[::1]:7443');
  });

  it("derives Asterisk's listeners (http.conf's 8089/8088) at /ws when the PBX is Asterisk", () => {
    expect(sipWebSocketUrl(undefined, { secure: true, hostname: 'cc.example.com' }, 'sb.test', 'asterisk')).toBe(
      'wss://cc.example.com:8089/ws',
    );
    expect(sipWebSocketUrl(undefined, { secure: false, hostname: 'localhost' }, 'sb.test', 'asterisk')).toBe(
      'ws://localhost:8088/ws',
    );
    expect(sipWebSocketUrl('wss://edge.example.com/sip', { secure: true, hostname: 'x' }, 'sb.test', 'asterisk')).toBe(
      'wss://edge.example.com/sip',
    );
  });

  it('falls back to the SIP domain when the Host header is not a host name', () => {
    expect(sipWebSocketUrl(undefined, { secure: true, hostname: 'evil.com/x?y' }, 'sb.test')).toBe(
      'wss://sb.test:7443',
    );
    expect(sipWebSocketUrl(undefined, { secure: true, hostname: undefined }, 'sb.test')).toBe('wss://sb.test:7443');
  });
});
