// Desk phones and trunks on a real FreeSWITCH: a SIPp desk phone (plain UDP, static digest credentials provisioned
// through the API) calls a queue and an agent; an agent's outbound call leaves through the `carrier` gateway to a
// SIPp "carrier"; and the dialplan itself refuses premium-rate and not-allowed numbers, whatever the console says.
import type { Browser } from 'playwright-core';
import { runSipp } from '@switchboard/tools/sip';
import { AgentConsole } from '../sip/agent-console';
import { launchPhoneBrowser } from '../sip/phone-browser';
import { provisionAgents, request } from '../sip/provisioning';
import { CARRIER, FreeswitchStack, SIP_DOMAIN, STACK_ADMIN, readUntil } from './stack';

jest.setTimeout(120_000);

const ANA = { email: 'ana.desk@example.com', password: 'Ana-desk-pass-1', displayName: 'Ana Desk', extension: '2201' };
const DESK = { number: '2209', password: 'Desk-phone-secret-1' };
/** May call anywhere (INTERNATIONAL), so only the premium-rate rule can refuse its call. */
const BOSS = { number: '2208', password: 'Boss-phone-secret-1' };
const QUEUE = { name: 'sales', displayName: 'Sales Line', number: '9300' };

describe('desk phones and trunks on a real FreeSWITCH', () => {
  let stack: FreeswitchStack;
  let browser: Browser;
  let ana: AgentConsole;

  const deskCall = (service: string, scenario: 'uac-auth.xml' | 'uac-auth-refused.xml', talkMs = 4000, phone = DESK) =>
    runSipp({
      scenario,
      remote: '127.0.0.1:5060',
      service,
      auth: { user: phone.number, password: phone.password },
      keys: { caller: phone.number, domain: SIP_DOMAIN },
      talkMs,
      timeoutMs: 30_000,
    });

  beforeAll(async () => {
    stack = await FreeswitchStack.start('sip-phones');
    const [anaId] = await provisionAgents(stack.base, STACK_ADMIN, [ANA]);
    const admin = (
      await request<{ accessToken: string }>(stack.base, undefined, 'POST', '/api/auth/login', STACK_ADMIN)
    ).accessToken;
    // A desk phone is an extension with a static password and no agent; LOCAL may call local numbers only.
    await request(stack.base, admin, 'POST', '/api/extensions', {
      number: DESK.number,
      displayName: 'Reception desk',
      outboundClass: 'LOCAL',
      password: DESK.password,
    });
    await request(stack.base, admin, 'POST', '/api/extensions', {
      number: BOSS.number,
      displayName: 'Director',
      outboundClass: 'INTERNATIONAL',
      password: BOSS.password,
    });
    const queue = await request<{ id: string }>(stack.base, admin, 'POST', '/api/queues', QUEUE);
    await request(stack.base, admin, 'POST', '/api/tiers', { agentId: anaId, queueId: queue.id });
    browser = await launchPhoneBrowser();
    ana = await AgentConsole.open(browser, stack.base, ANA);
    await ana.waitRegistered(20_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a desk phone calls the queue; the agent answers and hears it', async () => {
    await ana.page.getByTestId('status-choice').selectOption('AVAILABLE');
    await ana.click('status-apply');
    await readUntil(
      () => stack.fsApi(`callcenter_config agent get status ${ANA.extension}@${SIP_DOMAIN}`),
      (v) => v === 'Available',
      'Ana Available',
    );
    const sipp = deskCall(QUEUE.number, 'uac-auth.xml', 6000);
    expect(await ana.waitRinging()).toMatch(/2209|Reception/);
    expect(await ana.page.getByTestId('incoming-queue').textContent()).toBe(QUEUE.displayName);
    await ana.click('answer');
    await ana.waitCallState(/Connected/);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    const result = await sipp;
    expect({ succeeded: result.succeeded, output: result.succeeded ? '' : result.output }).toEqual({
      succeeded: true,
      output: '',
    });
    await ana.waitCallState(null);
    await ana.page.getByTestId('status-choice').selectOption('ON_BREAK');
    await ana.click('status-apply');
  });

  it('a desk phone calls the agent directly', async () => {
    const sipp = deskCall(ANA.extension, 'uac-auth.xml');
    expect(await ana.waitRinging()).toMatch(/2209|Reception/);
    await ana.click('answer');
    await ana.waitCallState(/Connected/);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    expect((await sipp).succeeded).toBe(true);
    await ana.waitCallState(null);
  });

  it("an agent's outbound call leaves through the carrier gateway; the carrier answers and its audio comes back", async () => {
    const carrier = runSipp({ scenario: 'uas', localIp: CARRIER.host, localPort: CARRIER.port, timeoutMs: 45_000 });
    await ana.page.waitForTimeout(500);
    await ana.dial('0123456789');
    await ana.waitCallState(/Connected/, 20_000);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    await ana.shot('fs-outbound');
    await ana.click('call-hangup');
    const result = await carrier;
    expect(result.succeeded).toBe(true);
    // The trunk got the number as dialled, from FreeSWITCH.
    expect(result.messages).toMatch(/INVITE sip:0123456789@127\.0\.0\.2:5080/);
  });

  it.each([
    ['a premium-rate number, even to a phone allowed international calls', '0900123456', BOSS],
    ['a national number its outbound class (LOCAL) does not allow', '0123456789', DESK],
    ['an international number its outbound class (LOCAL) does not allow', '0044207946000', DESK],
  ])('the dialplan refuses %s with 403 (a phone the console never checked)', async (_, number, phone) => {
    const result = await deskCall(number, 'uac-auth-refused.xml', 4000, phone);
    expect({ succeeded: result.succeeded, output: result.succeeded ? '' : result.output }).toEqual({
      succeeded: true,
      output: '',
    });
    expect(result.messages).toMatch(/SIP\/2\.0 403 Forbidden/);
  });
});
