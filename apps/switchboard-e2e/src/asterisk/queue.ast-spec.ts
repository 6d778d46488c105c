// Queues on a real Asterisk, provisioned as an administrator would: a queue, its number and a tier created through
// the REST API reach app_queue (the API rewrites its include files over AMI and reloads), and a call to the queue's
// number rings the agent's console with the queue's name on the popup.
import type { Browser } from 'playwright-core';
import type { PbxSyncReport } from '@switchboard/shared/contracts';
import { readUntil } from '../freeswitch/stack';
import { AgentConsole } from '../sip/agent-console';
import { launchPhoneBrowser } from '../sip/phone-browser';
import { type TestAgent, provisionAgents, request } from '../sip/provisioning';
import { AsteriskStack, STACK_ADMIN } from './stack';

const agent = (extension: string, name: string): TestAgent => ({
  email: `${name.toLowerCase()}.astq@example.com`,
  password: `${name}-astq-pass-12`,
  displayName: `${name} Agent`,
  extension,
});
const CALLER = agent('3101', 'Cleo');
const MEMBER = agent('3102', 'Milo');
const QUEUE = {
  name: 'billing',
  displayName: 'Billing, EU: "invoices"',
  number: '7100',
  strategy: 'ring-all',
  maxWaitTime: 45,
};

jest.setTimeout(90_000);

describe('queues created in Switchboard reach app_queue on a real Asterisk', () => {
  let stack: AsteriskStack;
  let browser: Browser;
  let caller: AgentConsole;
  let member: AgentConsole;
  let token: string;
  let memberAgentId: string;

  const api = <T>(method: string, path: string, body?: object): Promise<T> =>
    request<T>(stack.base, token, method, path, body);

  beforeAll(async () => {
    stack = await AsteriskStack.start('queue');
    [, memberAgentId = ''] = await provisionAgents(stack.base, STACK_ADMIN, [CALLER, MEMBER]);
    ({ accessToken: token } = await request<{ accessToken: string }>(
      stack.base,
      undefined,
      'POST',
      '/api/auth/login',
      STACK_ADMIN,
    ));
    browser = await launchPhoneBrowser();
    [caller, member] = await Promise.all([CALLER, MEMBER].map((a) => AgentConsole.open(browser, stack.base, a)));
    await Promise.all([caller, member].map((c) => c.waitRegistered(20_000)));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a queue and a tier created over REST are in app_queue; a call to its number rings the agent, who answers', async () => {
    const queue = await api<{ id: string; pbxSync: PbxSyncReport }>('POST', '/api/queues', QUEUE);
    expect(queue.pbxSync).toMatchObject({ status: 'applied' });
    expect(await stack.cli(`queue show ${QUEUE.name}`)).toMatch(
      /billing has 0 calls.*'ringall' strategy[\s\S]*No Members/,
    );
    // The queue's max wait is app_queue's Queue() timeout.
    expect(await stack.cli(`dialplan show ${QUEUE.number}@switchboard-agents`)).toMatch(
      new RegExp(`Gosub\\(switchboard-queue,s,1\\(${QUEUE.name},[A-Za-z0-9+/=]+,${QUEUE.maxWaitTime}\\)\\)`),
    );

    const tier = await api<{ id: string; pbxSync: PbxSyncReport }>('POST', '/api/tiers', {
      agentId: memberAgentId,
      queueId: queue.id,
      level: 1,
    });
    expect(tier.pbxSync).toMatchObject({ status: 'applied' });
    // Milo is signed out of the desk (Logged Out): not a member yet. He makes himself Available, as an agent does.
    expect(withoutColours(await stack.cli(`queue show ${QUEUE.name}`))).toMatch(/No Members/);
    await member.page.getByTestId('status-choice').selectOption('AVAILABLE');
    await member.click('status-apply');
    await member.waitForText('agent-status', /^\s*Available\s*$/);
    // The member rings through the agents' dialplan and takes its state from the registered endpoint.
    const shown = await readUntil(
      () => stack.cli(`queue show ${QUEUE.name}`).then(withoutColours),
      (text) => /\(Local\/3102@switchboard-agents\/n from PJSIP\/3102\) with penalty 1.*\(Not in use\)/.test(text),
      'Milo in app_queue, not in use',
    );
    expect(shown).toMatch(/Members:/);

    await caller.dial(QUEUE.number);
    const popup = await member.waitRinging();
    expect(popup).toMatch(/Cleo Agent|3101/);
    // The display name went through base64 in the dialplan and arrives whole in X-Switchboard-Queue.
    expect(await member.waitForText('incoming-queue', /Billing/)).toBe(QUEUE.displayName);
    await member.shot('ast-queue-ringing');
    await member.click('answer');
    await Promise.all([caller.waitCallState(/Connected/), member.waitCallState(/Connected/)]);
    // Audio both ways through the queue's two bridges (caller-Local, Local-agent): each hears the other's beep. Polled,
    // as DTLS on the agent's leg may still be finishing when the dialog is confirmed on a loaded machine.
    const loud = (level: number): boolean => level > 0.01;
    await readUntil(() => member.audioLevel(), loud, 'Milo hearing Cleo');
    await readUntil(() => caller.audioLevel(), loud, 'Cleo hearing Milo');
    expect(await member.packetsReceived()).toBeGreaterThan(0);
    await member.click('call-hangup');
    await Promise.all([caller.waitCallState(null), member.waitCallState(null)]);
  });

  it('deleting the tier and then the queue takes them out of app_queue and the dialplan', async () => {
    const [queue] = (await api<{ items: { id: string; name: string }[] }>('GET', '/api/queues')).items.filter(
      (q) => q.name === QUEUE.name,
    );
    if (!queue) throw new Error('the queue of the first test is gone');
    const [tier] = (await api<{ items: { id: string }[] }>('GET', `/api/tiers?queueId=${queue.id}`)).items;
    if (!tier) throw new Error('the tier of the first test is gone');
    await api('DELETE', `/api/tiers/${tier.id}`);
    expect(await stack.cli(`queue show ${QUEUE.name}`)).toMatch(/No Members/);
    const removed = await api<{ pbxSync: PbxSyncReport }>('DELETE', `/api/queues/${queue.id}`);
    expect(removed.pbxSync).toMatchObject({ status: 'applied' });
    expect(await stack.cli(`queue show ${QUEUE.name}`)).toMatch(/No such queue/);
    expect(await stack.cli(`dialplan show ${QUEUE.number}@switchboard-agents`)).not.toMatch(/Gosub\(switchboard-queue/);
  });
});

/** The CLI's output without its ANSI colour codes. */
function withoutColours(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
