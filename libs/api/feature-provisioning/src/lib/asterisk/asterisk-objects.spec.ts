import { asteriskObjects } from './asterisk-objects';

const agentExtension = {
  number: '1001',
  displayName: 'Ada "the agent" <ada>',
  callerIdName: null,
  hasAgent: true,
  a1Hash: '0123456789abcdef0123456789abcdef',
};

describe('asteriskObjects', () => {
  it('writes an agent extension as a WebRTC endpoint whose auth is the HA1 in the SIP domain, never a password', () => {
    const objects = asteriskObjects('switchboard.test', agentExtension);
    expect(objects?.map(([type]) => type)).toEqual(['auth', 'aor', 'endpoint']);
    const [auth, , endpoint] = objects?.map(([, fields]) => fields) ?? [];
    expect(auth).toEqual({
      auth_type: 'digest',
      username: '1001',
      realm: 'switchboard.test',
      password_digest: 'MD5:0123456789abcdef0123456789abcdef',
    });
    expect(auth).not.toHaveProperty('password');
    expect(endpoint).toMatchObject({ webrtc: 'yes', auth: '1001', aors: '1001', dtmf_mode: 'rfc4733' });
    // Quotes and angle brackets would end the display name early.
    expect(endpoint?.['callerid']).toBe('"Ada the agent ada" <1001>');
  });

  it('writes a desk phone (static password, no agent) without WebRTC', () => {
    const [, , [, endpoint] = ['endpoint', {}]] = asteriskObjects('d', { ...agentExtension, hasAgent: false }) ?? [];
    // Said outright: Asterisk keeps fields a PUT does not name, so a former softphone would stay WebRTC.
    expect(endpoint).toMatchObject({
      webrtc: 'no',
      media_encryption: 'no',
      ice_support: 'no',
      allow: 'g722,ulaw,alaw',
    });
  });

  it('writes nothing for an extension nobody can authenticate as: an endpoint without auth would accept anyone', () => {
    expect(asteriskObjects('d', { ...agentExtension, a1Hash: undefined })).toBeUndefined();
  });
});
