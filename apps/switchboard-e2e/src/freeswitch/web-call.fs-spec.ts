// Click-to-call on a real FreeSWITCH: a visitor on a customer's site (its own origin, 127.0.0.2) calls a queue from the
// widget and an agent answers; what the server refuses (foreign origin, used or expired credential, another
// destination, rate limit, closed hours, busy lines, no microphone) and that the credential never reaches a log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CallButtonDto, CallDto } from '@switchboard/shared/contracts';
import { AgentConsole } from '../sip/agent-console';
import { launchPhoneBrowser } from '../sip/phone-browser';
import { provisionAgents, request } from '../sip/provisioning';
import { finishedCallRecord } from './call-record';
import { supervisorSnapshot } from './floor';
import { EventTap } from './event-tap';
import { ESL_PASSWORD, FreeswitchStack, SIP_DOMAIN, STACK_ADMIN, readUntil } from './stack';
import { SITE_HOSTS_FLAG, VisitorPage, WebSite, launchVisitorBrowser } from './web-site';

jest.setTimeout(120_000);

const ANA = {
  email: 'ana.web@example.com',
  password: 'Ana-web-pass-123',
  displayName: 'Ana Web',
  extension: '2201',
};
const QUEUE = { name: 'webshop', displayName: 'Web shop', number: '9300' };
const FS_QUEUE = `${QUEUE.name}@${SIP_DOMAIN}`;

describe('click-to-call on a real FreeSWITCH', () => {
  let stack: FreeswitchStack;
  let tap: EventTap;
  let browser: Browser;
  let site: WebSite;
  let foreignSite: WebSite;
  let ana: AgentConsole;
  let admin = '';
  let queueId = '';
  let button: CallButtonDto;
  let harness = '';
  /** Every HA1 the API handed out during the run: none may appear in a log. */
  const issued: string[] = [];

  beforeAll(async () => {
    stack = await FreeswitchStack.start('webcall');
    tap = await EventTap.connect(ESL_PASSWORD);
    const [anaId] = await provisionAgents(stack.base, STACK_ADMIN, [ANA]);
    admin = (await request<{ accessToken: string }>(stack.base, undefined, 'POST', '/api/auth/login', STACK_ADMIN))
      .accessToken;
    queueId = (await request<{ id: string }>(stack.base, admin, 'POST', '/api/queues', QUEUE)).id;
    await request(stack.base, admin, 'POST', '/api/tiers', { agentId: anaId, queueId });
    site = await WebSite.start('127.0.0.2');
    foreignSite = await WebSite.start('127.0.0.3');
    button = await createButton({ name: 'Shop contact' });
    harness = await site.addHarnessPage('/harness');
    browser = await launchPhoneBrowser([SITE_HOSTS_FLAG]);
    ana = await AgentConsole.open(browser, stack.base, ANA);
    await ana.waitRegistered(20_000);
  }, 180_000);

  afterAll(async () => {
    tap?.close();
    await browser?.close();
    await site?.close();
    await foreignSite?.close();
    await stack?.stop();
  });

  async function createButton(fields: Partial<CallButtonDto>): Promise<CallButtonDto> {
    return request<CallButtonDto>(stack.base, admin, 'POST', '/api/call-buttons', {
      queueId,
      allowedOrigins: [site.origin],
      visitorRateLimit: 50,
      ...fields,
    });
  }

  async function setAna(status: 'AVAILABLE' | 'ON_BREAK'): Promise<void> {
    await ana.page.getByTestId('status-choice').selectOption(status);
    await ana.click('status-apply');
    const expected = status === 'AVAILABLE' ? 'Available' : 'On Break';
    await readUntil(
      () => stack.fsApi(`callcenter_config agent get status ${ANA.extension}@${SIP_DOMAIN}`),
      (v) => v === expected,
      `mod_callcenter: Ana ${expected}`,
    );
  }

  /** A credential straight from the public endpoint, as the widget on `origin` would get it. */
  async function credentialFor(target: CallButtonDto, origin = site.origin): Promise<Response> {
    return fetch(`${stack.base}/api/public/call-buttons/${target.id}/calls`, {
      method: 'POST',
      headers: { origin },
      body: new URLSearchParams({ page: `${origin}/contact?order=123` }),
    });
  }

  /** Dials `target` from the harness page with a credential; resolves with how the call ended. */
  async function dialWith(credential: Record<string, string>, target: string): Promise<CallerWeb> {
    const page = await VisitorPage.open(browser, harness);
    try {
      return await page.page.evaluate(
        async ({ credential, target }) => {
          const w = window as unknown as { GuestCall: new () => HarnessCall };
          const call = new w.GuestCall();
          const ended = new Promise<CallerWeb>((resolve) =>
            call.on('changed', (info) => {
              if (info.state === 'ended') resolve({ endStatusCode: info.endStatusCode, endReason: info.endReason });
            }),
          );
          await call.dial(credential, target);
          return ended;
        },
        { credential, target },
      );
    } finally {
      await page.close();
    }
  }

  it('a visitor calls, waits with music, an agent answers: audio both ways, DTMF reaches FreeSWITCH, web on every screen', async () => {
    await setAna('ON_BREAK');
    const pageUrl = site.addWidgetPage('/contact', stack.base, button.id);
    const visitor = await VisitorPage.open(browser, `${pageUrl}?order=123#help`);
    await visitor.waitForStatus(/Shop contact/);
    await visitor.shot('ready');
    expect(visitor.webSockets).toHaveLength(0);

    const before = tap.events.length;
    await visitor.click('switchboard-call-start');
    await visitor.waitForStatus(/Waiting in the queue/);
    const created = await tap.waitFor(
      (e) =>
        tap.events.indexOf(e) >= before &&
        e['Event-Name'] === 'CHANNEL_CREATE' &&
        e['variable_switchboard_channel'] === 'web',
      'the web call channel',
    );
    const uuid = created['Unique-ID'] ?? '';
    expect(created['Caller-Context']).toBe('webcall');
    // The queue's music reaches the visitor while nobody has answered yet.
    expect(await visitor.audioFlows()).toBeGreaterThanOrEqual(20);
    expect(await visitor.text('switchboard-call-timer')).toMatch(/^0:0\d$/);
    await visitor.shot('waiting');

    const floor = await supervisorSnapshot(stack.base, admin);
    expect(floor.channels.find((c) => c.uuid === uuid)?.web).toEqual({
      buttonId: button.id,
      button: 'Shop contact',
      page: `${site.origin}/contact`,
    });

    await setAna('AVAILABLE');
    await ana.waitRinging();
    expect((await ana.page.getByTestId('incoming-title').textContent())?.trim()).toBe('Web call — Shop contact');
    expect(await ana.page.getByTestId('incoming-page').textContent()).toBe(`${site.origin}/contact`);
    expect(await ana.page.getByTestId('incoming-queue').textContent()).toBe(QUEUE.displayName);
    await ana.shot('fs-web-call-popup');
    await ana.click('answer');
    await ana.waitCallState(/Connected/);
    await visitor.waitForStatus(/^Connected$/);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    expect(await visitor.audioFlows()).toBeGreaterThanOrEqual(20);

    await visitor.click('switchboard-call-keypad-toggle');
    for (const key of ['4', '2', 'hash']) await visitor.click(`switchboard-call-key-${key}`);
    const digits = await readUntil(
      () =>
        Promise.resolve(
          tap.events
            .filter((e) => e['Event-Name'] === 'DTMF' && e['Unique-ID'] === uuid)
            .map((e) => e['DTMF-Digit'])
            .join(''),
        ),
      (v) => v === '42#',
      'DTMF 4 2 # on the visitor’s channel',
    );
    expect(digits).toBe('42#');
    await visitor.click('switchboard-call-mute');
    expect(await visitor.text('switchboard-call-mute')).toBe('Unmute');
    await visitor.shot('connected');
    await visitor.click('switchboard-call-mute');

    await visitor.click('switchboard-call-hangup');
    await visitor.waitForStatus(/You ended the call/);
    await ana.waitCallState(null);
    await visitor.shot('ended');
    issued.push(...visitor.credentials.map((c) => c['ha1'] ?? ''));

    const record = await finishedCallRecord(stack.base, admin, uuid);
    expect(record).toMatchObject({
      channel: 'web',
      web: { buttonId: button.id, button: 'Shop contact', page: `${site.origin}/contact` },
      direction: 'INBOUND',
      queue: FS_QUEUE,
      agent: `${ANA.extension}@${SIP_DOMAIN}`,
      outcome: 'ANSWERED',
      hangupSide: 'CALLER',
    });
    const list = await request<{ items: CallDto[] }>(stack.base, admin, 'GET', '/api/calls?channel=web');
    expect(list.items.map((c) => c.uuid)).toEqual([uuid]);
    const [listed] = await request<CallButtonDto[]>(stack.base, admin, 'GET', '/api/call-buttons');
    expect(listed).toMatchObject({ id: button.id, today: { calls: 1, answered: 1 }, activeCalls: 0 });
    await setAna('ON_BREAK');
    await visitor.close();
  });

  it('a page on an origin that is not on the list: the widget says so, places no call, and CORS stays shut', async () => {
    const url = foreignSite.addWidgetPage('/contact', stack.base, button.id);
    const visitor = await VisitorPage.open(browser, url);
    await visitor.waitForStatus(/Calls cannot be placed from this website/);
    expect(await visitor.isVisible('switchboard-call-start')).toBe(false);
    expect(visitor.webSockets).toHaveLength(0);
    await visitor.shot('foreign-origin');
    await visitor.close();
    const refused = await credentialFor(button, foreignSite.origin);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await credentialFor(button);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(site.origin);
    issued.push(((await allowed.json()) as { ha1: string }).ha1);
  });

  it('FreeSWITCH refuses a credential used twice, one past its expiry, and one dialling anything but its queue', async () => {
    const channelsOf = (user: string) =>
      tap.events.filter((e) => e['Event-Name'] === 'CHANNEL_CREATE' && e['Caller-Username'] === user);

    // Used once for a real call, then again.
    const first = (await (await credentialFor(button)).json()) as Record<string, string>;
    issued.push(first['ha1'] ?? '');
    const firstCall = dialWith(first, first['target'] ?? '');
    await readUntil(
      () => Promise.resolve(channelsOf(first['authorizationUser'] ?? '').length),
      (n) => n === 1,
      'the first call',
    );
    await stack.fsApi(`uuid_kill ${channelsOf(first['authorizationUser'] ?? '')[0]?.['Unique-ID'] ?? ''}`);
    expect((await firstCall).endReason).toBe('hangup-remote');
    expect(await dialWith(first, first['target'] ?? '')).toMatchObject({ endStatusCode: 403 });
    expect(channelsOf(first['authorizationUser'] ?? '')).toHaveLength(1);

    // Expired: expiry is a stored time, so move it rather than wait the minute out.
    const late = (await (await credentialFor(button)).json()) as Record<string, string>;
    issued.push(late['ha1'] ?? '');
    await stack.sql(`UPDATE "WebCallCredential" SET "expiresAt" = now() - interval '1 second' WHERE "sipUser" = $1`, [
      late['authorizationUser'] ?? '',
    ]);
    expect(await dialWith(late, late['target'] ?? '')).toMatchObject({ endStatusCode: 403 });
    expect(channelsOf(late['authorizationUser'] ?? '')).toHaveLength(0);

    // Valid, but dialling Ana's extension, another queue's number, an outbound number: the webcall context refuses.
    for (const destination of [ANA.extension, '9200', '004930123456']) {
      const other = (await (await credentialFor(button)).json()) as Record<string, string>;
      issued.push(other['ha1'] ?? '');
      expect(await dialWith(other, destination)).toMatchObject({ endStatusCode: 403 });
      const [channel] = channelsOf(other['authorizationUser'] ?? '');
      expect(channel?.['Caller-Context']).toBe('webcall');
      expect(channel?.['Caller-Destination-Number']).toBe(destination);
    }
    expect(await ana.page.getByTestId('incoming-call').count()).toBe(0);
  });

  it('past the rate limit the endpoint answers 429 with Retry-After, and the widget asks the visitor to wait', async () => {
    const limited = await createButton({ name: 'Rate limited', visitorRateLimit: 2, visitorRateWindowSeconds: 600 });
    for (let i = 0; i < 2; i++) expect((await credentialFor(limited)).status).toBe(201);
    const refused = await credentialFor(limited);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(refused.headers.get('access-control-expose-headers')).toMatch(/Retry-After/i);

    const url = site.addWidgetPage('/limited', stack.base, limited.id);
    const visitor = await VisitorPage.open(browser, url);
    await visitor.waitForStatus(/Rate limited/);
    await visitor.click('switchboard-call-start');
    await visitor.waitForStatus(/called several times/);
    expect(await visitor.text('switchboard-call-detail')).toBe('Please try again in 10 minutes.');
    expect(visitor.webSockets).toHaveLength(0);
    await visitor.shot('rate-limited');
    await visitor.close();
  });

  it('outside the opening hours the widget shows the closed message and places no call', async () => {
    const today = new Date().getUTCDay();
    const otherDay = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[(today + 3) % 7];
    const closed = await createButton({
      name: 'Closed today',
      timeZone: 'UTC',
      openingHours: [{ day: otherDay, opens: '09:00', closes: '17:00' }],
      closedMessage: 'We answer calls on weekdays from 9 to 5.',
    });
    const url = site.addWidgetPage('/closed', stack.base, closed.id);
    const visitor = await VisitorPage.open(browser, url);
    await visitor.waitForStatus(/We are closed right now/);
    expect(await visitor.text('switchboard-call-detail')).toBe('We answer calls on weekdays from 9 to 5.');
    expect(await visitor.isVisible('switchboard-call-start')).toBe(false);
    expect(visitor.webSockets).toHaveLength(0);
    await visitor.shot('closed');
    await visitor.close();
    const refused = await credentialFor(closed);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ details: [{ path: 'openingHours' }] });
  });

  it('at the concurrency cap the widget says every line is busy, without asking for the microphone', async () => {
    const busy = await createButton({ name: 'One line', maxConcurrentCalls: 1 });
    const holder = await credentialFor(busy);
    expect(holder.status).toBe(201);
    issued.push(((await holder.json()) as { ha1: string }).ha1);
    const url = site.addWidgetPage('/busy', stack.base, busy.id);
    const visitor = await VisitorPage.open(browser, url, []);
    await visitor.waitForStatus(/One line/);
    await visitor.click('switchboard-call-start');
    await visitor.waitForStatus(/All our lines are busy/);
    expect(visitor.webSockets).toHaveLength(0);
    await visitor.shot('busy');
    await visitor.close();
  });

  it('without a microphone, or with the microphone blocked, the widget says which and how to fix it', async () => {
    const mic = await createButton({ name: 'Microphone check' });
    const url = site.addWidgetPage('/mic', stack.base, mic.id);
    // No fake device: headless Chromium has no microphone at all.
    const deviceless = await launchVisitorBrowser({ fakeMicrophone: false, autoAllow: true });
    try {
      const visitor = await VisitorPage.open(deviceless, url);
      await visitor.waitForStatus(/Microphone check/);
      await visitor.click('switchboard-call-start');
      await visitor.waitForStatus(/No microphone was found/);
      expect(visitor.webSockets).toHaveLength(0);
      await visitor.shot('no-microphone');
      issued.push(...visitor.credentials.map((c) => c['ha1'] ?? ''));
    } finally {
      await deviceless.close();
    }
    // A microphone, but no automatic yes: the browser refuses a page the visitor did not allow.
    const blocked = await launchVisitorBrowser({ fakeMicrophone: true, autoAllow: false });
    try {
      const visitor = await VisitorPage.open(blocked, url, []);
      await visitor.click('switchboard-call-start');
      await visitor.waitForStatus(/Your browser blocked the microphone/);
      expect(visitor.webSockets).toHaveLength(0);
      await visitor.shot('microphone-blocked');
      issued.push(...visitor.credentials.map((c) => c['ha1'] ?? ''));
    } finally {
      await blocked.close();
    }
  });

  it('no credential appears in the API log or in FreeSWITCH’s', () => {
    const logs = [
      readFileSync(join(__dirname, '..', '..', '..', '..', 'test-results', 'freeswitch', 'webcall-api.log'), 'utf8'),
      readFileSync(stack.freeswitch.logFile, 'utf8'),
    ].join('\n');
    const secrets = issued.filter(Boolean);
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    for (const ha1 of secrets) expect(logs).not.toContain(ha1);
    expect(logs).toContain('web call credential issued');
  });
});

/** How a harness call ended. */
interface CallerWeb {
  endStatusCode?: number;
  endReason?: string;
}

/** The shape of sip-core's GuestCall as the harness page uses it. */
interface HarnessCall {
  on(event: 'changed', listener: (info: { state: string; endStatusCode?: number; endReason?: string }) => void): void;
  dial(credential: Record<string, string>, target: string): Promise<unknown>;
}
