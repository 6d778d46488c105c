import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SOFTPHONE_CLIENT } from '@switchboard/telephony/sip-angular';
import { CallState, RegistrationState, SipRegistrationError } from '@switchboard/telephony/sip-core';
import { FakeConsoleDesk, fakeStatus } from '../../../testing/fake-console-desk';
import { FakeSoftphoneClient } from '../../../testing/fake-softphone-client';
import { FakeAgentSocket } from '../../../testing/fake-agent-socket';
import { AGENT_SOCKET_FACTORY, AGENT_SOCKET_TOKEN } from '../agent-socket/agent-live-socket';
import { SWITCH_STATUS_RECHECK_MS } from '../agent-socket/own-status-follower';
import { CONSOLE_DESK } from './console-desk';
import { ConsolePage, toSipAccount } from './console-page';

const settle = async (fixture: { whenStable(): Promise<unknown> }): Promise<void> => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }
};

async function renderConsole() {
  const phone = new FakeSoftphoneClient();
  const desk = new FakeConsoleDesk();
  const socket = new FakeAgentSocket();
  TestBed.configureTestingModule({
    providers: [
      { provide: SOFTPHONE_CLIENT, useValue: phone },
      { provide: CONSOLE_DESK, useValue: desk },
      { provide: AGENT_SOCKET_FACTORY, useValue: () => socket.asSocket() },
      { provide: AGENT_SOCKET_TOKEN, useValue: signal('agent-token') },
    ],
  });
  const fixture = TestBed.createComponent(ConsolePage);
  await settle(fixture);
  const root = fixture.nativeElement as HTMLElement;
  const find = <T extends HTMLElement = HTMLElement>(testId: string): T | null =>
    root.querySelector<T>(`[data-testid="${testId}"]`);
  const get = <T extends HTMLElement = HTMLElement>(testId: string): T => {
    const element = find<T>(testId);
    if (!element) throw new Error(`no [data-testid="${testId}"] on the page:\n${root.textContent}`);
    return element;
  };
  const text = (testId: string): string => get(testId).textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const click = async (testId: string): Promise<void> => {
    get<HTMLButtonElement>(testId).click();
    await settle(fixture);
  };
  const type = async (testId: string, value: string): Promise<void> => {
    const input = get<HTMLInputElement>(testId);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle(fixture);
  };
  const choose = async (testId: string, value: string): Promise<void> => {
    const select = get<HTMLSelectElement>(testId);
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await settle(fixture);
  };
  const press = async (key: string, code = ''): Promise<void> => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key, code, bubbles: true }));
    await settle(fixture);
  };
  return {
    phone,
    desk,
    socket,
    fixture,
    root,
    find,
    get,
    text,
    click,
    type,
    choose,
    press,
    settle: () => settle(fixture),
  };
}

describe('ConsolePage', () => {
  it("registers the phone with this login's HA1 credentials and shows it ready", async () => {
    const { phone, desk, text } = await renderConsole();

    expect(desk.requests).toContain('GET /api/me/sip');
    expect(phone.account).toMatchObject({
      extension: '1001',
      ha1: '0123456789abcdef0123456789abcdef',
      realm: 'pbx.test',
      profile: 'freeswitch',
    });
    expect(phone.account?.password).toBeUndefined();
    expect(text('softphone-status')).toBe('Ready for calls');
    expect(text('agent-status')).toBe('Available');
  });

  it('reads its status again when the switch changes it (mod_callcenter puts the agent On Break after missed calls)', async () => {
    const { desk, socket, text, settle } = await renderConsole();
    const refreshes = () => desk.requests.filter((request) => request === 'refresh').length;
    const before = refreshes();
    const status = (value: 'Available' | 'On Break') => ({
      seq: 1,
      event: {
        type: 'agent.status' as const,
        at: new Date().toISOString(),
        agent: {
          name: '1001@pbx.test',
          status: value,
          state: 'Waiting' as const,
          statusSince: '',
          stateSince: '',
          callUuid: null,
        },
      },
    });
    // The same status as shown (the echo of the agent's own change): nothing to read.
    socket.serverEmit('delta', status('Available'));
    await settle();
    expect(refreshes()).toBe(before);

    // The API stores a change made on the switch a moment after it saw it: the first read still says Available.
    socket.serverEmit('delta', status('On Break'));
    await settle();
    expect(refreshes()).toBe(before + 1);
    expect(text('agent-status')).toBe('Available');
    desk.stored = fakeStatus({ status: 'ON_BREAK', reasonCode: null, setBy: 'switch' });
    await new Promise((resolve) => setTimeout(resolve, SWITCH_STATUS_RECHECK_MS + 100));
    await settle();
    expect(refreshes()).toBe(before + 2);
    expect(text('agent-status')).toBe('On break');
    // The agent learns why, and what to do.
    expect(text('status-set-by')).toBe(
      'Set by the phone system, as it does after calls ring unanswered. Choose Available when you are back.',
    );
  });

  it('takes the SIP profile from the PBX the API names: on Asterisk the phone starts with the asterisk profile', async () => {
    const desk = new FakeConsoleDesk();
    desk.pbx = 'asterisk';
    expect(toSipAccount(await desk.sipAccount())).toMatchObject({ profile: 'asterisk', extension: '1001' });
    desk.pbx = 'freeswitch';
    expect(toSipAccount(await desk.sipAccount()).profile).toBe('freeswitch');
  });

  it("reports the phone's registration to supervisors, and a follower tab stays quiet", async () => {
    const { phone, socket, settle } = await renderConsole();
    expect(socket.healthReports.at(-1)).toEqual({
      registration: 'registered',
      mos: null,
      rttMs: null,
      jitterMs: null,
      packetLossPct: null,
    });

    const reports = socket.healthReports.length;
    phone.lead('follower');
    phone.register(RegistrationState.Elsewhere);
    await settle();
    expect(socket.healthReports).toHaveLength(reports);
  });

  it('tells a second tab that the phone is active in another tab and does not let it dial', async () => {
    const { phone, text, get, settle } = await renderConsole();
    phone.lead('follower');
    await settle();

    expect(text('softphone-status')).toBe('Active in another tab');
    expect(get<HTMLButtonElement>('dial-call').disabled).toBe(true);
    expect(text('phone-notice')).toContain('The phone is open in another tab');
    expect(text('phone-notice')).toContain('close it: this tab then takes the phone over');
  });

  it('explains a failed registration on screen, and "Retry now" starts the phone again with fresh credentials', async () => {
    const { phone, desk, text, click, settle } = await renderConsole();
    phone.register(RegistrationState.Failed);
    phone.fail(new SipRegistrationError('Registration failed: 503', 503));
    await settle();

    expect(text('softphone-status')).toBe('Registration failed');
    expect(text('phone-notice')).toContain('The SIP server did not accept the registration (503)');
    const sipRequests = desk.requests.filter((request) => request === 'GET /api/me/sip').length;
    await click('phone-action-retry');

    expect(phone.commands.slice(-2)).toEqual(['stop()', 'start(1001)']);
    expect(desk.requests.filter((request) => request === 'GET /api/me/sip')).toHaveLength(sipRequests + 1);
    expect(text('softphone-status')).toBe('Ready for calls');
  });

  it('shows a ringing queue call with caller, queue and waiting time, and answers it with the A key', async () => {
    const { phone, text, find, press, settle } = await renderConsole();
    phone.ring({
      id: 'c1',
      remoteIdentity: '+4930123',
      remoteDisplayName: 'Berta Caller',
      headers: { 'X-Switchboard-Queue': 'sales@pbx.test' },
      startedAt: Date.now() - 65_000,
    });
    await settle();

    expect(text('incoming-caller')).toBe('Berta Caller');
    expect(text('incoming-queue')).toBe('sales');
    expect(text('incoming-waited')).toBe('1:05');

    await press('a');
    expect(phone.commands).toContain('answer(c1)');
    expect(find('incoming-call')).toBeNull();
    expect(text('call-state')).toBe('Connected');
  });

  it('a ringing call answered on the agent\'s other device shows "Answered on another device", a given-up one "Missed call"', async () => {
    const { phone, text, find, click, settle } = await renderConsole();
    const ringing = phone.ring({ id: 'c1', remoteIdentity: '3001', remoteDisplayName: 'Ana Agent' });
    await settle();
    expect(find('call-ending')).toBeNull();
    phone.update({ ...ringing, state: CallState.Ended, endReason: 'answered-elsewhere', endedAt: Date.now() });
    await settle();

    expect(find('incoming-call')).toBeNull();
    expect(find('call-ending')?.getAttribute('data-kind')).toBe('answered-elsewhere');
    expect(text('call-ending-title')).toBe('Answered on another device');
    expect(text('call-ending-text')).toContain('Ana Agent (3001) was answered on another device');
    expect(text('call-ending')).not.toMatch(/missed call/i);

    const abandoned = phone.ring({ id: 'c2', remoteIdentity: '+4930123' });
    await settle();
    expect(find('call-ending')).toBeNull();
    phone.update({ ...abandoned, state: CallState.Ended, endReason: 'canceled' });
    await settle();
    expect(text('call-ending-title')).toBe('Missed call');
    await click('call-ending-dismiss');
    expect(find('call-ending')).toBeNull();
  });

  it('holds, resumes, mutes and sends DTMF on the call in progress', async () => {
    const { phone, text, click, press, settle } = await renderConsole();
    phone.ring({ id: 'c1' });
    await settle();
    await click('answer');

    await click('call-hold');
    expect(text('call-state')).toBe('On hold');
    expect(text('call-hold')).toContain('Resume');
    await press('h');
    expect(text('call-state')).toBe('Connected');
    await press('m');
    expect(text('call-mute')).toContain('Unmute');
    await click('call-keypad');
    await click('dtmf-5');
    await click('dtmf-#');

    expect(phone.commands).toEqual(
      expect.arrayContaining(['hold(c1)', 'unhold(c1)', 'mute(c1)', 'sendDtmf(5,c1)', 'sendDtmf(#,c1)']),
    );
    expect(text('dtmf-sent')).toBe('Sent: 5#');
  });

  it('explains a number the dial check refuses, does not dial it, and drops the reason once the number changes', async () => {
    const { phone, desk, text, type, click, find } = await renderConsole();
    desk.refusals.set('0044207', 'International calls need the INTERNATIONAL class; your extension has INTERNAL.');

    await type('dial-number', '0044207');
    await click('dial-call');

    expect(text('dial-refusal')).toContain('International calls need the INTERNATIONAL class');
    expect(phone.commands.some((command) => command.startsWith('dial('))).toBe(false);
    await type('dial-number', '004420');
    expect(find('dial-refusal')).toBeNull();

    await type('dial-number', '1002');
    await click('dial-call');
    expect(phone.commands).toContain('dial(1002)');
    expect(text('call-state')).toBe('Calling…');
  });

  it('transfers blind, and shows why a transfer failed', async () => {
    const { phone, text, type, click, settle, find } = await renderConsole();
    phone.ring({ id: 'c1' });
    await settle();
    await click('answer');

    phone.failNext = new Error('REFER refused with 403');
    await click('call-transfer');
    await type('transfer-target', '1003');
    await click('transfer-submit');
    expect(text('call-problem')).toBe('Transfer to 1003 failed: REFER refused with 403');

    await click('call-transfer');
    await type('transfer-target', '1003');
    await click('transfer-submit');
    expect(phone.commands.filter((c) => c === 'blindTransfer(1003,c1)')).toHaveLength(2);
    expect(find('call-panel')).toBeNull();
  });

  it('consults a colleague with the caller on hold, then completes the attended transfer', async () => {
    const { phone, text, type, click, settle, find } = await renderConsole();
    phone.ring({ id: 'c1', remoteIdentity: '+4930123' });
    await settle();
    await click('answer');

    await click('call-consult');
    await type('transfer-target', '1003');
    await click('transfer-submit');
    expect(text('call-peer')).toBe('1003');
    expect(text('other-call')).toContain('+4930123 · on hold');

    // While the colleague's phone rings there is nothing to hand the caller to yet.
    expect(find('transfer-complete')?.hasAttribute('disabled')).toBe(true);
    expect(text('transfer-wait')).toContain('once 1003 answers');

    const consultation = phone.calls.find((c) => c.id === 'out-1003');
    if (!consultation) throw new Error('no consultation call');
    phone.update({ ...consultation, state: CallState.Established });
    await settle();
    await click('transfer-complete');
    expect(phone.commands).toEqual(expect.arrayContaining(['hold(c1)', 'dial(1003)', 'attendedTransfer(out-1003,c1)']));
  });

  it('asks for an outcome before saving the wrap-up, then saves it for the call the API names', async () => {
    const { desk, text, click, choose, type, settle, find } = await renderConsole();
    desk.status.set(
      fakeStatus({
        activity: 'WRAP_UP',
        wrapUp: {
          callUuid: 'uuid-9',
          endedAt: new Date(Date.now() - 12_000).toISOString(),
          deadline: new Date(Date.now() + 48_000).toISOString(),
        },
      }),
    );
    await settle();

    expect(text('acw-timer')).toMatch(/After-call work 0:1[0-3] · 0:4[7-9] left/);
    await click('wrap-up-submit');
    expect(find('wrap-up-missing')).not.toBeNull();
    expect(desk.requests.some((r) => r.includes('wrap-up'))).toBe(false);

    await choose('wrap-up-disposition', 'RESOLVED');
    await type('wrap-up-notes', '  Password reset done  ');
    await click('wrap-up-submit');
    expect(desk.requests).toContain(
      'PUT /api/me/calls/uuid-9/wrap-up {"disposition":"RESOLVED","notes":"Password reset done"}',
    );
  });

  it('queues a break for after the call only while a call is in progress, and shows what comes next', async () => {
    const { desk, find, text, click, choose, settle } = await renderConsole();
    expect(find('status-after-call')).toBeNull();

    desk.status.set(
      fakeStatus({
        activity: 'ON_CALL',
        next: { status: 'ON_BREAK', reasonCode: 'LUNCH', requestedAt: new Date().toISOString() },
      }),
    );
    await settle();
    await choose('status-choice', 'ON_BREAK');
    await choose('break-reason', 'LUNCH');
    await click('status-after-call');

    expect(desk.requests).toContain(
      'PUT /api/me/status {"status":"ON_BREAK","reasonCode":"LUNCH","when":"after-call"}',
    );
    expect(text('next-status')).toBe('Next: On break · Lunch after this call');
  });
});
