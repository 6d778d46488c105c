// Agent consoles (JsSIP in Chromium) on a real Asterisk 23 with the repository's own asterisk/ configuration and
// PBX=asterisk: registration with the per-login credential the API writes over ARI (refused once signed out), the
// echo test, calls between agents with audio checked on the wire (inbound RTP and audio level in the browser),
// hold, mute, RFC 4733 DTMF seen by Asterisk, and the caller shown from From/P-Asserted-Identity.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SipRegistrationDto } from '@switchboard/shared/contracts';
import { readUntil } from '../freeswitch/stack';
import { AgentConsole } from '../sip/agent-console';
import { attendedTransfer, blindTransfer } from '../sip/transfers';
import { launchPhoneBrowser } from '../sip/phone-browser';
import { type TestAgent, provisionAgents, request } from '../sip/provisioning';
import { registerOnce } from './sip-register-probe';
import { ASTERISK_TEST_ADDRESS } from '@switchboard/shared/util-asterisk';
import { API_SIP_WS_URL, AsteriskStack, SIP_DOMAIN, STACK_ADMIN, WS_URL } from './stack';

const agent = (extension: string, name: string): TestAgent => ({
  email: `${name.toLowerCase()}.ast@example.com`,
  password: `${name}-ast-pass-12`,
  displayName: `${name} Agent`,
  extension,
});
const ANA = agent('3001', 'Ana');
const BEN = agent('3002', 'Ben');
const CAROL = agent('3003', 'Carol');
/** Signs in through the API only (no console), to hold a per-login credential the test can try itself. */
const DAN = agent('3004', 'Dan');
/** asterisk/extensions.conf answers 9196 with Echo(); an extension of that number makes it internal for the dial check. */
const ECHO_TEST = '9196';

/** An extension with a static password and no agent: a desk phone, written without WebRTC. */
const DESK_PHONE = '3099';

// Calls through a real PBX take seconds each (set per file: Jest reads testTimeout only from the global config).
jest.setTimeout(90_000);

describe('agent consoles on a real Asterisk', () => {
  let stack: AsteriskStack;
  let browser: Browser;
  let ana: AgentConsole;
  let ben: AgentConsole;
  let carol: AgentConsole;

  beforeAll(async () => {
    stack = await AsteriskStack.start('console');
    await provisionAgents(stack.base, STACK_ADMIN, [ANA, BEN, CAROL, DAN]);
    const { accessToken } = await request<{ accessToken: string }>(
      stack.base,
      undefined,
      'POST',
      '/api/auth/login',
      STACK_ADMIN,
    );
    await request(stack.base, accessToken, 'POST', '/api/extensions', { number: ECHO_TEST, displayName: 'Echo test' });
    await request(stack.base, accessToken, 'POST', '/api/extensions', {
      number: DESK_PHONE,
      displayName: 'Desk phone',
      password: 'Desk-phone-pass-1',
    });
    browser = await launchPhoneBrowser();
    [ana, ben, carol] = await Promise.all([ANA, BEN, CAROL].map((a) => AgentConsole.open(browser, stack.base, a)));
    await Promise.all([ana, ben, carol].map((c) => c.waitRegistered(20_000)));
  }, 180_000);

  afterEach(async () => {
    for (const phone of [ana, ben, carol]) {
      if (!phone) continue;
      for (let i = 0; i < 3 && (await phone.page.getByTestId('call-panel').count()) > 0; i++) {
        await phone.click('call-hangup').catch(() => undefined);
        await phone.page.waitForTimeout(300);
      }
    }
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** `caller` dials `callee`, who answers; resolves once both consoles say Connected. */
  async function connect(caller: AgentConsole, callee: AgentConsole): Promise<string> {
    await caller.dial(callee.agent.extension);
    const shown = await callee.waitRinging();
    await callee.click('answer');
    await Promise.all([caller.waitCallState(/Connected/), callee.waitCallState(/Connected/)]);
    return shown;
  }

  const loud = (level: number): boolean => level > 0.01;

  it('each console registers with its per-login credential, and Asterisk lists the registrations', async () => {
    const contacts = await readUntil(
      () => stack.cli('pjsip show contacts'),
      (list) => [ANA, BEN, CAROL].every((who) => new RegExp(`Contact:\\s+${who.extension}/sip:`).test(list)),
      'both registrations in Asterisk',
    );
    expect(contacts).toMatch(/transport=ws/i);
    // What the API wrote: a WebRTC endpoint whose auth is the HA1 in the SIP domain.
    const endpoint = await stack.cli(`pjsip show endpoint ${ANA.extension}`);
    expect(endpoint).toMatch(/webrtc\s*:\s*yes/);
    expect(await stack.cli(`pjsip show auth ${ANA.extension}`)).toMatch(new RegExp(`realm\\s*:\\s*${SIP_DOMAIN}`));
    // Asterisk took the desk phone's explicit non-WebRTC options; the echo test number (no password) is not there.
    const desk = await stack.cli(`pjsip show endpoint ${DESK_PHONE}`);
    expect(desk).toMatch(/webrtc\s*:\s*no/);
    expect(desk).toMatch(/media_encryption\s*:\s*no/);
    expect(await stack.hasPjsipObject('endpoint', ECHO_TEST)).toBe(false);
    await ana.shot('ast-registered');
  });

  it('a per-login credential is accepted while its login lives, and refused by Asterisk once signed out', async () => {
    const { accessToken } = await request<{ accessToken: string }>(stack.base, undefined, 'POST', '/api/auth/login', {
      email: DAN.email,
      password: DAN.password,
    });
    const sip = await request<SipRegistrationDto>(stack.base, accessToken, 'GET', '/api/me/sip');
    // The API names its PBX; the consoles above registered at Asterisk's /ws only through the asterisk profile.
    expect(sip).toMatchObject({ pbx: 'asterisk', wsUrl: API_SIP_WS_URL });
    const credential = { user: sip.authorizationUser, domain: sip.realm, ha1: sip.ha1 };
    const probe = await browser.newPage();
    try {
      expect(await registerOnce(probe, WS_URL, credential)).toBe(200);
      // A wrong HA1 is refused: the probe's 200 above is Asterisk checking, not letting anyone in.
      expect(await registerOnce(probe, WS_URL, { ...credential, ha1: '0'.repeat(32) })).toBe(401);
      await request(stack.base, accessToken, 'POST', '/api/auth/logout');
      expect(await registerOnce(probe, WS_URL, credential)).toBe(401);
    } finally {
      await probe.close();
    }
    expect(await stack.hasPjsipObject('endpoint', DAN.extension)).toBe(false);
  });

  it('the echo test: the agent hears its own microphone back through Asterisk', async () => {
    await ana.dial(ECHO_TEST);
    await ana.waitCallState(/Connected/);
    // Asterisk offers 192.0.2.1 as its ICE candidate (see stack.ts): without one, packets would stay at 0.
    expect(await ana.audioFlows(30, 2000)).toBeGreaterThan(0);
    // Chromium's fake microphone beeps; the beep comes back.
    await readUntil(() => ana.audioLevel(), loud, 'Ana hearing her own beep echoed');
    await ana.shot('ast-echo');
  });

  it('Ana calls Ben: audio both ways, the caller shown from From/PAI, DTMF (RFC 4733) seen by Asterisk', async () => {
    const shown = await connect(ana, ben);
    // Asterisk's INVITE to Ben has a random contact user @127.0.0.1 in To; the popup must show Ana.
    expect(shown).toMatch(/Ana Agent|3001/);
    expect(shown).not.toMatch(/127\.0\.0\.1|asterisk/);
    expect(await ben.audioFlows()).toBeGreaterThan(0);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    await readUntil(() => ben.audioLevel(), loud, 'Ben hearing Ana');
    await readUntil(() => ana.audioLevel(), loud, 'Ana hearing Ben');
    await ana.click('call-keypad');
    for (const key of ['4', '2', '#']) await ana.click(`dtmf-${key}`);
    await ana.waitForText('dtmf-sent', /Sent: 42#/);
    const seen = await readUntil(
      () =>
        Promise.resolve(
          [...readFileSync(stack.asterisk.logFile, 'utf8').matchAll(/DTMF end '(.)' received on PJSIP\/3001-/g)]
            .map((m) => m[1])
            .join(''),
        ),
      (digits) => digits.endsWith('42#'),
      'DTMF 4 2 # in Asterisk',
    );
    expect(seen).toContain('42#');
    await ana.shot('ast-in-call');
  });

  it('hold, then audio again after unhold; mute stops what Ben receives from Ana', async () => {
    await connect(ana, ben);
    await ana.click('call-hold');
    await ana.waitCallState(/On hold/);
    // Asterisk does not re-INVITE the held party: it plays music on hold to Ben, so Ben keeps receiving audio.
    expect(await ben.audioFlows()).toBeGreaterThan(0);
    await ana.click('call-hold');
    await ana.waitCallState(/Connected/);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    expect(await ben.audioFlows()).toBeGreaterThan(0);
    await readUntil(() => ben.audioLevel(), loud, 'Ben hearing Ana after unhold');
    await ana.click('call-mute');
    await ana.waitForText('call-mute', /^\s*Unmute/);
    await readUntil(
      () => ben.audioLevel(),
      (level) => level < 0.001,
      'silence at Ben while Ana is muted',
    );
    await ana.click('call-mute');
    await ana.waitForText('call-mute', /^\s*Mute/);
    await readUntil(() => ben.audioLevel(), loud, 'Ben hearing Ana again after unmute');
  });

  it('Ben transfers Ana blind to Carol (REFER): Carol rings, answers and talks with Ana', async () => {
    await connect(ana, ben);
    await blindTransfer({
      caller: ana,
      transferor: ben,
      target: carol,
      targetExtension: CAROL.extension,
      shownToTarget: /3001|Ana/,
    });
  });

  it('Carol consults Ben with Ana on hold, then completes the attended transfer: Ana talks with Ben', async () => {
    await connect(ana, carol);
    await attendedTransfer(
      { caller: ana, transferor: carol, target: ben, targetExtension: BEN.extension, shownToTarget: /3003|Carol/ },
      () => carol.waitCallState(/Connected/),
    );
    await ana.shot('ast-after-attended-transfer');
  });

  it('a call lives past two session-timer refreshes (Session-Expires 90 s, set on Ben for the test)', async () => {
    // ARI's PUT updates the fields it names and keeps the others (the API's WebRTC settings stay).
    await stack.putPjsipFields('endpoint', BEN.extension, { timers_sess_expires: '90' });
    const endpoint = await stack.cli(`pjsip show endpoint ${BEN.extension}`);
    expect(endpoint).toMatch(/timers_sess_expires\s*:\s*90\b/);
    expect(endpoint).toMatch(/webrtc\s*:\s*yes/);
    const sipLog = join(process.env['SB_E2E_ARTIFACTS'] ?? '', `sip-${BEN.extension}.log`);
    const refreshesBefore = refreshesIn(readFileSync(sipLog, 'utf8'));
    await connect(ana, ben);
    // Asterisk asked for 90 s; Ben (the answerer) is the refresher and refreshes at half of it.
    expect(readFileSync(sipLog, 'utf8')).toMatch(/^Session-Expires:\s*90;refresher=uas/im);
    await ben.page.waitForTimeout(100_000);
    expect(refreshesIn(readFileSync(sipLog, 'utf8')) - refreshesBefore).toBeGreaterThanOrEqual(2);
    await Promise.all([ana.waitCallState(/Connected/, 1000), ben.waitCallState(/Connected/, 1000)]);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    expect(await ben.audioFlows()).toBeGreaterThan(0);
  }, 180_000);

  it('Ben on two devices: both ring, one answers, the other is cancelled and shows "Answered on another device"', async () => {
    // A second sign-in takes the phone over (a new per-login credential); the first device's registration stays
    // until it would refresh, so Asterisk rings both contacts (PJSIP_DIAL_CONTACTS).
    const second = await AgentConsole.open(browser, stack.base, BEN);
    try {
      await second.waitRegistered(20_000);
      await readUntil(
        () => stack.cli(`pjsip show aor ${BEN.extension}`),
        (aor) => (aor.match(/Contact:\s+3002\/sip:/g) ?? []).length >= 2,
        'two contacts for Ben',
      );
      // Both devices of Ben write their SIP to one log (AgentConsole records per extension).
      const sipLog = join(process.env['SB_E2E_ARTIFACTS'] ?? '', `sip-${BEN.extension}.log`);
      const cancelsBefore = cancelsIn(readFileSync(sipLog, 'utf8')).length;
      await ana.dial(BEN.extension);
      await Promise.all([ben.waitRinging(), second.waitRinging()]);
      await second.click('answer');
      await Promise.all([ana.waitCallState(/Connected/), second.waitCallState(/Connected/)]);
      // The first device's popup goes away: Asterisk cancelled its ringing saying why.
      await ben.page.getByTestId('incoming-caller').waitFor({ state: 'detached', timeout: 10_000 });
      const cancels = await readUntil(
        () => Promise.resolve(cancelsIn(readFileSync(sipLog, 'utf8')).slice(cancelsBefore)),
        (found) => found.length > 0,
        'a CANCEL at Ben',
      );
      expect(cancels.join('\n')).toMatch(/^Reason:\s*SIP;cause=200;text="Call completed elsewhere"/m);
      // What Ben reads on the device that did not answer: answered elsewhere, not a missed call.
      const ending = await ben.waitForText('call-ending', /Answered on another device/);
      expect(ending).toMatch(/Ana Agent \(3001\) was answered on another device/);
      expect(ending).not.toMatch(/Missed call/i);
      expect(await ben.page.getByTestId('call-ending').getAttribute('data-kind')).toBe('answered-elsewhere');
      await ben.shot('ast-answered-elsewhere');
      expect(await second.audioFlows()).toBeGreaterThan(0);
      await second.click('call-hangup');
    } finally {
      await second.close();
    }
  });

  // Last in the file: it takes the test address off lo and puts it back, and a call placed right after that once had
  // no audio for 15 s (the browser or Asterisk still without the address); no test that checks audio comes after it.
  it('without an ICE candidate the call connects in silence, and the console says so (media watchdog)', async () => {
    // As on a host whose only address is loopback: Asterisk then offers no candidate at all.
    setTestAddress('del');
    try {
      await ana.dial(ECHO_TEST);
      await ana.waitCallState(/Connected/);
      expect(await ana.packetsReceived()).toBe(0);
      await ana.waitForText('phone-notice', /no audio is coming through/, 10_000);
      await ana.shot('ast-no-media');
      await ana.click('call-hangup');
      await ana.waitCallState(null);
    } finally {
      setTestAddress('add');
    }
  });
});

/** Session refreshes a console sent (UPDATE or re-INVITE in a dialog, i.e. with a To tag). */
function refreshesIn(log: string): number {
  return log
    .split(/^--- /m)
    .filter((entry) => /^\S+ >>\r?\n(UPDATE|INVITE) /.test(entry) && /^To:.*;tag=/im.test(entry)).length;
}

/** The CANCEL requests in a console's SIP log. */
function cancelsIn(log: string): string[] {
  return log.split(/^--- /m).filter((entry) => /^\S+ <<\r?\nCANCEL /.test(entry));
}

/** Removes or restores the stage's test address on lo (see tools/jest/asterisk-setup.ts). */
function setTestAddress(action: 'add' | 'del'): void {
  if (!process.env['SB_E2E_NETNS']) throw new Error("only inside the stage's network namespace");
  const result = spawnSync('ip', ['addr', action, ASTERISK_TEST_ADDRESS, 'dev', 'lo'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ip addr ${action} ${ASTERISK_TEST_ADDRESS}: ${result.stderr}`);
}
