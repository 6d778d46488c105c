import { createTestSoftphone, until, type TestSoftphone } from '../../testing/test-softphone';
import { FakeChannelHub, FakeLockManager } from '../../testing/fake-tabs';
import { TabLeaderElection } from './leader';
import { SoftphoneClient } from './softphone-client';
import { RegistrationState } from './types';

describe('one registering tab per browser', () => {
  it('with Web Locks: the first tab leads, the second follows and takes over when the first stops', async () => {
    const locks = new FakeLockManager();
    const first = new TabLeaderElection('sb', { locks });
    const second = new TabLeaderElection('sb', { locks });
    expect(await first.start()).toBe('leader');
    expect(await second.start()).toBe('follower');
    first.stop();
    await until(() => second.role === 'leader');
    expect(first.role).toBe('follower');
    second.stop();
    await until(() => !locks.isHeld('sb'));
  });

  it('with BroadcastChannel only: the newcomer hears the leader and follows; takes over after it resigns', async () => {
    const hub = new FakeChannelHub();
    const first = new TabLeaderElection('sb', { createChannel: hub.createChannel });
    const second = new TabLeaderElection('sb', { createChannel: hub.createChannel });
    expect(await first.start()).toBe('leader');
    expect(await second.start()).toBe('follower');
    first.stop();
    await until(() => second.role === 'leader');
    second.stop();
  });

  describe('softphones in two tabs', () => {
    let leader: TestSoftphone;
    let follower: SoftphoneClient;
    afterEach(async () => {
      await follower.stop();
      await leader.dispose();
    });

    it('registers only from the leading tab; the other shows Elsewhere until it takes over', async () => {
      const locks = new FakeLockManager();
      leader = createTestSoftphone({ singleTab: true }, {}, { locks });
      follower = new SoftphoneClient(
        { singleTab: true, createSocket: leader.server.createSocket, reconnectMinSeconds: 1 },
        { locks },
      );

      await leader.phone.start(leader.account);
      await follower.start(leader.account);
      expect(leader.phone.leadership).toBe('leader');
      expect(follower.leadership).toBe('follower');
      expect(follower.registrationState).toBe(RegistrationState.Elsewhere);
      await expect(follower.dial('2000')).rejects.toMatchObject({
        name: 'SoftphoneNotReadyError',
        message: 'The softphone is active in another tab',
      });
      expect(leader.server.sockets).toHaveLength(1);

      await leader.phone.stop();
      await until(() => follower.registrationState === RegistrationState.Registered, 6000);
      expect(follower.leadership).toBe('leader');
      expect(leader.server.sockets).toHaveLength(2);
    }, 10_000);
  });
});
