// Queue calls through mod_callcenter on a real FreeSWITCH: what the agent sees when a queue call rings, the call
// record checked against FreeSWITCH's own timestamps, an abandoned call, a supervisor listening, whispering and
// barging (heard on the wire), and an API restart in the middle of a call.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CallDto } from '@switchboard/shared/contracts';
import { AgentConsole } from '../sip/agent-console';
import { launchPhoneBrowser } from '../sip/phone-browser';
import { provisionAgents, request } from '../sip/provisioning';
import { finishedCallRecord } from './call-record';
import { supervisorSnapshot } from './floor';
import { EventTap, type TapEvent, fsTime } from './event-tap';
import { ESL_PASSWORD, FreeswitchStack, SIP_DOMAIN, STACK_ADMIN, readUntil } from './stack';
import { writeSilence } from './silence';

jest.setTimeout(120_000);

const agent = (extension: string, name: string, role: 'AGENT' | 'SUPERVISOR' = 'AGENT') => ({
  email: `${name.toLowerCase()}.q@example.com`,
  password: `${name}-queue-pass-1`,
  displayName: `${name} Queue`,
  extension,
  role,
});
const ANA = agent('2101', 'Ana');
const BEN = agent('2102', 'Ben');
const SAM = agent('2109', 'Sam', 'SUPERVISOR');
const QUEUE = { name: 'support', displayName: 'Customer Support', number: '9200' };
const FS_QUEUE = `${QUEUE.name}@${SIP_DOMAIN}`;
const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

describe('queue calls on a real FreeSWITCH', () => {
  let stack: FreeswitchStack;
  let tap: EventTap;
  let quiet: Browser;
  let loud: Browser;
  let ana: AgentConsole;
  let ben: AgentConsole;
  let sam: AgentConsole;
  let admin = '';

  beforeAll(async () => {
    stack = await FreeswitchStack.start('queue');
    tap = await EventTap.connect(ESL_PASSWORD);
    const [anaId] = await provisionAgents(stack.base, STACK_ADMIN, [ANA, BEN, SAM]);
    admin = (await request<{ accessToken: string }>(stack.base, undefined, 'POST', '/api/auth/login', STACK_ADMIN))
      .accessToken;
    const queue = await request<{ id: string }>(stack.base, admin, 'POST', '/api/queues', QUEUE);
    await request(stack.base, admin, 'POST', '/api/tiers', { agentId: anaId, queueId: queue.id });
    // Ana and Ben speak silence and Sam a beep, so who hears the supervisor is measurable.
    quiet = await launchPhoneBrowser([
      `--use-file-for-fake-audio-capture=${writeSilence(mkdtempSync(join(tmpdir(), 'sb-silence-')))}`,
    ]);
    loud = await launchPhoneBrowser();
    [ana, ben] = await Promise.all([ANA, BEN].map((a) => AgentConsole.open(quiet, stack.base, a)));
    sam = await AgentConsole.open(loud, stack.base, SAM);
    await Promise.all([ana, ben, sam].map((c) => c.waitRegistered(20_000)));
  }, 180_000);

  afterEach(async () => {
    for (const phone of [ben, ana, sam]) {
      for (let i = 0; i < 3 && (await phone.page.getByTestId('call-panel').count()) > 0; i++) {
        await phone.click('call-hangup').catch(() => undefined);
        await phone.page.waitForTimeout(300);
      }
    }
    await setStatus(ana, 'ON_BREAK');
  });

  afterAll(async () => {
    tap?.close();
    await quiet?.close();
    await loud?.close();
    await stack?.stop();
  });

  async function setStatus(console: AgentConsole, status: 'AVAILABLE' | 'ON_BREAK'): Promise<void> {
    await console.page.getByTestId('status-choice').selectOption(status);
    await console.click('status-apply');
    const expected = status === 'AVAILABLE' ? 'Available' : 'On Break';
    await readUntil(
      () => stack.fsApi(`callcenter_config agent get status ${ANA.extension}@${SIP_DOMAIN}`),
      (v) => v === expected,
      `mod_callcenter: Ana ${expected}`,
    );
  }

  /** Ben calls the queue; resolves with mod_callcenter's member-queue-start for his call. */
  async function callQueue(): Promise<TapEvent> {
    const before = tap.events.length;
    await ben.dial(QUEUE.number);
    return tap.waitFor(
      (e) => tap.events.indexOf(e) >= before && e['CC-Action'] === 'member-queue-start',
      'member-queue-start',
    );
  }

  /** Ana answers the ringing queue call; both consoles connected. */
  async function answer(): Promise<void> {
    await ana.waitRinging();
    await ana.click('answer');
    await Promise.all([ana.waitCallState(/Connected/), ben.waitCallState(/Connected/)]);
  }

  function finishedRecord(uuid: string): Promise<CallDto> {
    return finishedCallRecord(stack.base, admin, uuid);
  }

  it('the agent sees the queue and how long the caller waited; the record matches FreeSWITCH to the second', async () => {
    await setStatus(ana, 'ON_BREAK');
    const joined = await callQueue();
    const uuid = joined['CC-Member-Session-UUID'] ?? '';
    await ben.page.waitForTimeout(3000);
    await setStatus(ana, 'AVAILABLE');
    await ana.waitRinging();
    expect(await ana.page.getByTestId('incoming-queue').textContent()).toBe(QUEUE.displayName);
    expect(await ana.page.getByTestId('incoming-waited').textContent()).toMatch(/^0:0[3-9]$/);
    await ana.shot('fs-queue-popup');
    await answer();
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    expect(await ben.audioFlows()).toBeGreaterThan(0);
    await ben.page.waitForTimeout(2000);
    await ben.click('call-hangup');

    const hangup = await tap.waitFor(
      (e) => e['Event-Name'] === 'CHANNEL_HANGUP_COMPLETE' && e['Unique-ID'] === uuid,
      'the caller leg hangup',
    );
    const record = await finishedRecord(uuid);
    expect(record).toMatchObject({
      queue: FS_QUEUE,
      agent: `${ANA.extension}@${SIP_DOMAIN}`,
      outcome: 'ANSWERED',
      hangupCause: 'NORMAL_CLEARING',
      hangupSide: 'CALLER',
      fromNumber: BEN.extension,
      toNumber: QUEUE.number,
    });
    expect(record.sources).toEqual(expect.arrayContaining(['esl', 'cdr']));
    const fs = {
      created: fsTime(hangup, 'Caller-Channel-Created-Time'),
      bridged: fsTime(hangup, 'Caller-Channel-Bridged-Time'),
      ended: fsTime(hangup, 'Caller-Channel-Hangup-Time'),
      joined: new Date(Number(BigInt(joined['Event-Date-Timestamp'] ?? '0') / 1000n)),
    };
    const within = (ours: string | null, theirs: Date) => Math.abs(seconds(theirs, new Date(ours ?? 0)));
    expect(within(record.startedAt, fs.created)).toBeLessThan(1);
    expect(within(record.bridgedAt, fs.bridged)).toBeLessThan(1);
    expect(within(record.endedAt, fs.ended)).toBeLessThan(1);
    expect(Math.abs((record.waitSeconds ?? -9) - seconds(fs.joined, fs.bridged))).toBeLessThanOrEqual(1);
    expect(Math.abs((record.talkSeconds ?? -9) - seconds(fs.bridged, fs.ended))).toBeLessThanOrEqual(1);
    expect(record.waitSeconds).toBeGreaterThanOrEqual(3);
  });

  it('a caller who gives up: ABANDONED, waited their time in the queue, talked 0', async () => {
    await setStatus(ana, 'ON_BREAK');
    const joined = await callQueue();
    const uuid = joined['CC-Member-Session-UUID'] ?? '';
    await ben.page.waitForTimeout(3000);
    await ben.click('call-hangup');
    const left = await tap.waitFor(
      (e) => e['CC-Action'] === 'member-queue-end' && e['CC-Member-Session-UUID'] === uuid,
      'member-queue-end',
    );
    const record = await finishedRecord(uuid);
    expect(record).toMatchObject({ outcome: 'ABANDONED', cancelReason: 'BREAK_OUT', talkSeconds: 0, agent: null });
    const waited = seconds(
      new Date(Number(BigInt(joined['Event-Date-Timestamp'] ?? '0') / 1000n)),
      new Date(Number(BigInt(left['Event-Date-Timestamp'] ?? '0') / 1000n)),
    );
    expect(Math.abs((record.waitSeconds ?? -9) - waited)).toBeLessThanOrEqual(1);
  });

  it('a supervisor listens, whispers to the agent and barges in; each mode is heard by exactly who it should be', async () => {
    const samToken = (
      await request<{ accessToken: string }>(stack.base, undefined, 'POST', '/api/auth/login', {
        email: SAM.email,
        password: SAM.password,
      })
    ).accessToken;
    await setStatus(ana, 'AVAILABLE');
    const uuid = (await callQueue())['CC-Member-Session-UUID'] ?? '';
    await answer();
    // As a supervisor would: act once the floor shows the call bridged to its agent (on a busy machine the console
    // can show "connected" before the API has ingested mod_callcenter's bridge).
    await readUntil(
      () => supervisorSnapshot(stack.base, samToken),
      (floor) => floor.channels.some((c) => c.callUuid === uuid && c.agent !== null && c.bridgedTo !== null),
      'the floor showing the call bridged to Ana',
    );
    const hearsSam = (console: AgentConsole) =>
      readUntil(
        () => console.audioLevel(),
        (level) => level > 0.01,
        `${console.agent.extension} hearing the supervisor`,
      );
    const silent = async (console: AgentConsole) => {
      await console.page.waitForTimeout(1500);
      expect(await console.audioLevel()).toBeLessThan(0.001);
    };
    for (const mode of ['listen', 'whisper', 'barge'] as const) {
      await request(stack.base, samToken, 'POST', `/api/supervision/calls/${uuid}/monitor`, { mode });
      expect(await sam.waitRinging()).toMatch(/Listen|Whisper|Barge|2101/);
      await sam.click('answer');
      await sam.waitCallState(/Connected/);
      // Sam hears the call (its packets rise) in every mode.
      expect(await sam.audioFlows()).toBeGreaterThan(0);
      if (mode === 'listen') await Promise.all([silent(ana), silent(ben)]);
      if (mode === 'whisper') await Promise.all([hearsSam(ana), silent(ben)]);
      if (mode === 'barge') await Promise.all([hearsSam(ana), hearsSam(ben)]);
      await sam.shot(`fs-supervisor-${mode}`);
      await sam.click('call-hangup');
      await sam.waitCallState(null);
      await ana.waitCallState(/Connected/);
    }
  });

  it('the API restarts mid-call: the call is back on the floor, and its record is complete after the hang-up', async () => {
    await setStatus(ana, 'AVAILABLE');
    const uuid = (await callQueue())['CC-Member-Session-UUID'] ?? '';
    await answer();
    await stack.restartApi();
    admin = (await request<{ accessToken: string }>(stack.base, undefined, 'POST', '/api/auth/login', STACK_ADMIN))
      .accessToken;
    const snapshot = await supervisorSnapshot(stack.base, admin);
    const legs = snapshot.channels.filter((c) => c.callUuid === uuid);
    expect(legs.map((c) => c.uuid)).toContain(uuid);
    expect(legs.find((c) => c.uuid === uuid)).toMatchObject({
      queue: FS_QUEUE,
      agent: `${ANA.extension}@${SIP_DOMAIN}`,
      state: 'answered',
    });
    expect(legs).toHaveLength(2);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    await ben.click('call-hangup');
    const record = await finishedRecord(uuid);
    expect(record).toMatchObject({
      queue: FS_QUEUE,
      agent: `${ANA.extension}@${SIP_DOMAIN}`,
      outcome: 'ANSWERED',
      hangupSide: 'CALLER',
    });
    expect(record.talkSeconds).toBeGreaterThan(0);
    expect(record.sources).toEqual(expect.arrayContaining(['esl', 'cdr']));
  });
});
