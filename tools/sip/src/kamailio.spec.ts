import { renderKamailioConfig } from './kamailio';

describe('renderKamailioConfig', () => {
  it('listens on the given loopback ports and leaves no placeholder behind', () => {
    const config = renderKamailioConfig({ wsPort: 15066, udpPort: 15060 });
    expect(config).toContain('listen=tcp:127.0.0.1:15066');
    expect(config).toContain('listen=udp:127.0.0.1:15060');
    expect(config).not.toMatch(/@@[A-Z_]+@@/);
  });

  it('loads rtpengine with its control port only when asked to bridge plain-RTP peers', () => {
    expect(renderKamailioConfig({ wsPort: 1, udpPort: 2 })).not.toContain('#!define WITH_RTPENGINE_ON');
    const bridged = renderKamailioConfig({ wsPort: 1, udpPort: 2, rtpengineNgPort: 2223 });
    expect(bridged).toContain('#!define WITH_RTPENGINE_ON');
    expect(bridged).toContain('"rtpengine_sock", "udp:127.0.0.1:2223"');
  });

  it('refuses every REGISTER only when asked to', () => {
    expect(renderKamailioConfig({ wsPort: 1, udpPort: 2 })).not.toContain('#!define WITH_REFUSE_REGISTER');
    expect(renderKamailioConfig({ wsPort: 1, udpPort: 2, refuseRegistrations: true })).toContain(
      '#!define WITH_REFUSE_REGISTER',
    );
  });
});
