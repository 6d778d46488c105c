import { createTestSoftphone, until, type TestSoftphone } from '../../testing/test-softphone';
import { header } from '../../testing/sip-message';
import { CallState, ConnectionState, RegistrationState } from './types';

describe('recovery after a WebSocket drop', () => {
  let t: TestSoftphone;
  afterEach(async () => t.dispose());

  it('reconnects with backoff, registers once, and refreshes the dialog so the far end can still hang up', async () => {
    t = createTestSoftphone();
    await t.phone.start(t.account);
    t.server.onInvite = (invite) => invite.answer();
    const call = await t.phone.dial('2000');
    const established = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
    const states: RegistrationState[] = [];
    t.phone.on('registrationChanged', (state) => states.push(state));
    const registersBefore = t.server.requests('REGISTER').length;

    t.server.refusing = true;
    t.server.dropConnections();
    await until(() => t.phone.connectionState === ConnectionState.Disconnected);
    expect(t.phone.registrationState).toBe(RegistrationState.Reconnecting);
    // While the old connection is dead, the far end's BYE cannot reach us (Kamailio's alias names it).
    expect(t.server.sendInDialog(established.sipCallId, 'OPTIONS')).toBe(false);

    t.server.refusing = false;
    await until(() => t.phone.registrationState === RegistrationState.Registered, 8000);
    const newRegisters = t.server.requests('REGISTER').slice(registersBefore);
    // One registration: the unauthenticated attempt and its digest answer, nothing more.
    expect(newRegisters.filter((m) => header(m, 'authorization') !== '')).toHaveLength(1);
    expect(states).toEqual([RegistrationState.Reconnecting, RegistrationState.Registered]);

    const refresh = await t.server.waitFor(
      (m) =>
        m.method === 'INVITE' && header(m, 'call-id') === established.sipCallId && header(m, 'to').includes('tag='),
    );
    expect(header(refresh, 'contact')).toContain('sip:');
    await until(() => t.server.dialogs.get(established.sipCallId)?.generation === 2);
    expect(t.server.hangup(established.sipCallId)).toBe(true);
    const ended = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ended);
    expect(ended.endReason).toBe('hangup-remote');
  }, 15_000);

  it('without a refresh the far end could not reach a call over the dead connection', async () => {
    t = createTestSoftphone();
    await t.phone.start(t.account);
    t.server.onInvite = (invite) => invite.answer();
    const call = await t.phone.dial('2000');
    const established = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
    t.server.refusing = true;
    t.server.dropConnections();
    await until(() => t.phone.connectionState === ConnectionState.Disconnected);
    expect(t.server.hangup(established.sipCallId)).toBe(false);
    expect(t.phone.calls[0]?.state).toBe(CallState.Established);
  });
});
