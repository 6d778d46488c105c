import { SoftphoneClient } from '../src/lib/softphone-client';
import type { TabEnvironment } from '../src/lib/leader';
import type { SoftphoneOptions } from '../src/lib/softphone-api';
import type { CallInfo, SipAccount } from '../src/lib/types';
import { FakeSipServer } from './fake-sip-server';
import { installFakeWebRtc, type FakeWebRtc } from './install-fake-webrtc';

/** Polls `condition` every 10 ms until it holds (rejects after `timeoutMs`). */
export async function until(condition: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('until: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A softphone wired to a fresh fake server, with fake WebRTC installed. */
export interface TestSoftphone {
  readonly server: FakeSipServer;
  readonly phone: SoftphoneClient;
  readonly webrtc: FakeWebRtc;
  readonly account: SipAccount;
  /** Every call snapshot emitted, in order. */
  readonly changes: CallInfo[];
  /** Resolves when a call snapshot matches. */
  waitForCall(match: (call: CallInfo) => boolean, timeoutMs?: number): Promise<CallInfo>;
  dispose(): Promise<void>;
}

/** Builds a softphone against a `FakeSipServer` (single tab, ha1 credentials, quick reconnects). */
export function createTestSoftphone(
  options: SoftphoneOptions = {},
  account: Partial<SipAccount> = {},
  tabs?: TabEnvironment,
): TestSoftphone {
  const webrtc = installFakeWebRtc();
  const server = new FakeSipServer();
  const phone = new SoftphoneClient(
    {
      singleTab: false,
      reconnectMinSeconds: 1,
      reconnectMaxSeconds: 2,
      statsIntervalMs: 50,
      ...options,
      createSocket: server.createSocket,
    },
    tabs,
  );
  const changes: CallInfo[] = [];
  const waiters: { match: (call: CallInfo) => boolean; resolve: (call: CallInfo) => void }[] = [];
  phone.on('callChanged', (call) => {
    changes.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.match(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  });
  return {
    server,
    phone,
    webrtc,
    changes,
    account: {
      extension: '1001',
      domain: server.domain,
      wsUrl: 'wss://pbx.test:7443',
      authorizationUser: '1001',
      ha1: server.ha1('1001'),
      realm: server.realm,
      ...account,
    },
    waitForCall(match, timeoutMs = 4000) {
      const seen = changes.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('waitForCall timed out')), timeoutMs);
        waiters.push({ match, resolve: (call) => (clearTimeout(timer), resolve(call)) });
      });
    },
    async dispose() {
      await phone.stop();
      phone.removeAllListeners();
      webrtc.uninstall();
    },
  };
}
