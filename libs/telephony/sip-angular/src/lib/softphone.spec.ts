import { TestBed } from '@angular/core/testing';
import { CallState, ConnectionState, RegistrationState } from '@switchboard/telephony/sip-core';
import {
  FakeLockManager,
  FakeSipServer,
  installFakeWebRtc,
  type FakeWebRtc,
} from '@switchboard/telephony/sip-core/testing';
import { provideSoftphone } from './provide-softphone';
import { Softphone } from './softphone';

async function until(condition: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Softphone signals follow the sip-core client', () => {
  let webrtc: FakeWebRtc;
  let server: FakeSipServer;
  let phone: Softphone;

  beforeEach(() => {
    webrtc = installFakeWebRtc();
    server = new FakeSipServer();
    TestBed.configureTestingModule({
      providers: [
        provideSoftphone({ createSocket: server.createSocket, statsIntervalMs: 50 }, { locks: new FakeLockManager() }),
      ],
    });
    phone = TestBed.inject(Softphone);
  });

  afterEach(async () => {
    await phone.stop();
    webrtc.uninstall();
  });

  const account = (): Parameters<Softphone['start']>[0] => ({
    extension: '1001',
    domain: server.domain,
    wsUrl: 'wss://pbx.test:7443',
    authorizationUser: '1001',
    ha1: server.ha1('1001'),
    realm: server.realm,
  });

  it('shows registration, an outgoing call through its states, hold and its end', async () => {
    expect(phone.registration()).toBe(RegistrationState.Unregistered);
    expect(phone.ready()).toBe(false);
    await phone.start(account());
    expect(phone.registration()).toBe(RegistrationState.Registered);
    expect(phone.connection()).toBe(ConnectionState.Connected);
    expect(phone.leadership()).toBe('leader');
    expect(phone.ready()).toBe(true);

    const call = await phone.dial('2000');
    await until(() => phone.activeCall()?.state === CallState.Ringing);
    expect(phone.activeCall()?.ringback).toBe(true);
    server.invites[0]?.answer();
    await until(() => phone.activeCall()?.state === CallState.Established);
    await until(() => phone.activeCallStats()?.packetsReceived !== undefined);

    await phone.hold();
    expect(phone.activeCall()).toMatchObject({ id: call.id, state: CallState.Held, onHold: true });
    expect(phone.trace().some((entry) => entry.summary === 'INVITE')).toBe(true);

    phone.hangup();
    await until(() => phone.calls().length === 0);
    expect(phone.activeCall()).toBeUndefined();
    expect(phone.stats().size).toBe(0);
  });

  it('exposes a ringing incoming call, then answers it', async () => {
    await phone.start(account());
    const { final } = server.sendInvite('1001', { from: '5550100' });
    await until(() => phone.incomingCall() !== undefined);
    expect(phone.incomingCall()).toMatchObject({ state: CallState.Incoming, remoteIdentity: '5550100' });
    expect(phone.activeCall()).toBeUndefined();
    await phone.answer();
    expect((await final).status).toBe(200);
    await until(() => phone.activeCall()?.state === CallState.Established);
    expect(phone.incomingCall()).toBeUndefined();
  });

  it('keeps the call that ended last with its reason: answered on another device, then a caller who gave up', async () => {
    await phone.start(account());
    const elsewhere = server.sendInvite('1001', { from: '5550100' });
    await until(() => phone.incomingCall() !== undefined);
    expect(phone.lastEndedCall()).toBeUndefined();
    elsewhere.cancel('SIP;cause=200;text="Call completed elsewhere"');
    await until(() => phone.incomingCall() === undefined);
    expect(phone.calls()).toHaveLength(0);
    expect(phone.lastEndedCall()).toMatchObject({
      state: CallState.Ended,
      remoteIdentity: '5550100',
      endReason: 'answered-elsewhere',
    });

    const abandoned = server.sendInvite('1001', { from: '5550199' });
    await until(() => phone.incomingCall() !== undefined);
    abandoned.cancel();
    await until(() => phone.lastEndedCall()?.remoteIdentity === '5550199');
    expect(phone.lastEndedCall()?.endReason).toBe('canceled');
  });

  it('keeps the last error for the UI until cleared', async () => {
    await phone.start({ ...account(), ha1: 'wrong' });
    expect(phone.registration()).toBe(RegistrationState.Failed);
    expect(phone.lastError()?.name).toBe('SipRegistrationError');
    phone.clearError();
    expect(phone.lastError()).toBeUndefined();
  });

  it('says the SIP server is unreachable while connecting fails, through the retries, until it connects', async () => {
    server.refusing = true;
    const started = phone.start(account());
    expect(phone.wsUrl()).toBe('wss://pbx.test:7443');
    await until(() => phone.unreachable());
    expect(phone.registration()).not.toBe(RegistrationState.Registered);

    server.refusing = false; // JsSIP retries after its minimum backoff (1 s)
    await started;
    expect(phone.registration()).toBe(RegistrationState.Registered);
    expect(phone.unreachable()).toBe(false);
  });
});
