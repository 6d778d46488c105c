import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCall, type CallScenarioKind, type GeneratedCall, type ScenarioInput } from './call-scenarios';
import { CAPTURES, captureEvents } from './capture';
import { destroyAfter } from './channel-commands';
import { Prng } from './prng';
import { reportingVariables } from './reporting';
import { scenarioInput } from './scenario-input';
import { stampEvent } from './wire';

const identity = { coreUuid: 'core-sim', hostname: 'sim', ipv4: '192.0.2.2' };
const CDR_FIXTURES = join(__dirname, '..', '..', 'feature-calls', 'testing', 'fixtures');

/** The people of the fs-webrtc captures, so that a generated call can be compared with a real one. */
const CAPTURED = {
  queue: 'support@switchboard.local',
  callerNumber: '2002',
  callerName: 'Ben Phone',
  agent: { name: '2001@switchboard.local', extension: '2001' },
  otherAgent: { name: '2003@switchboard.local', extension: '2003' },
};

function call(kind: CallScenarioKind, seed: number, overrides: Partial<ScenarioInput> = {}): GeneratedCall {
  return buildCall(kind, scenarioInput({ ...CAPTURED, prng: new Prng(seed), ...overrides }));
}

/** `CHANNEL_HOLD outbound`, `CUSTOM bridge-agent-start outbound`: events of the same kind on the same side. */
const kindOf = (name: string, get: (header: string) => string | undefined): string =>
  `${name} ${get('CC-Action') ?? ''} ${get('Call-Direction') ?? ''}`;

/** Header names of the first event of each kind, variables aside, each name once (as an event object has them). */
function realHeaderNames(capture: string): Map<string, string[]> {
  const kinds = new Map<string, string[]>();
  for (const { event } of captureEvents(capture)) {
    const kind = kindOf(event.name, (header) => event.header(header));
    if (!kinds.has(kind))
      kinds.set(
        kind,
        Object.keys(event.headers).filter((name) => !name.startsWith('variable_')),
      );
  }
  return kinds;
}

function generatedHeaderNames(generated: GeneratedCall): Map<string, string[]> {
  const kinds = new Map<string, string[]>();
  // The simulator sends a CHANNEL_DESTROY after each HANGUP_COMPLETE: compare those too.
  const sent = generated.events.flatMap(({ event }) =>
    event.name === 'CHANNEL_HANGUP_COMPLETE' ? [event, destroyAfter(event)] : [event],
  );
  for (const event of sent) {
    const headers = stampEvent(event, identity, 1n, event.timestampUs ?? 0n);
    const kind = kindOf(event.name, (name) => headers.find(([key]) => key === name)?.[1]);
    const names = [...new Set(headers.map(([name]) => name))].filter((name) => !name.startsWith('variable_'));
    if (!kinds.has(kind)) kinds.set(kind, names);
  }
  return kinds;
}

const headersOf = (generated: GeneratedCall, name: string, uuid: string | undefined) =>
  new Map(
    generated.events.find(
      ({ event }) => event.name === name && event.headers.some(([k, v]) => k === 'Unique-ID' && v === uuid),
    )?.event.headers ?? [],
  );

describe('generated calls, header for header against FreeSWITCH 1.11.2', () => {
  it('an agent calling an agent, with hold and DTMF, has the headers of fs-webrtc-hold.esl, in the same order', () => {
    // The capture's callee hangs up first; take the first seed whose call does the same.
    const generated = [1, 2, 3, 4, 5, 6]
      .map((seed) => call('agent-to-agent', seed, { hold: true, dtmf: '1' }))
      .find(({ events }) =>
        events
          .find(({ event }) => event.name === 'CHANNEL_HANGUP')
          ?.event.headers.some(([k, v]) => k === 'Call-Direction' && v === 'outbound'),
      );
    if (!generated) throw new Error('no seed where the callee hangs up first');
    const real = realHeaderNames(CAPTURES.webrtcHoldDtmf);
    const mine = generatedHeaderNames(generated);
    const compared = [...mine.keys()].filter((kind) => real.has(kind));
    expect(compared).toEqual(
      expect.arrayContaining([
        'CHANNEL_CREATE  outbound',
        'CHANNEL_HOLD  outbound',
        'CHANNEL_HANGUP  inbound',
        'CHANNEL_HANGUP_COMPLETE  outbound',
        'CHANNEL_DESTROY  inbound',
      ]),
    );
    for (const kind of compared) expect([kind, mine.get(kind)]).toEqual([kind, real.get(kind)]);
  });

  it('an answered queue call has the headers of fs-webrtc-queue.esl, but for the WebRTC caller’s user identity', () => {
    const real = realHeaderNames(CAPTURES.webrtcQueueAnswered);
    const mine = generatedHeaderNames(call('answered', 3));
    // The capture's caller is a registered WebRTC user; the simulator's queue callers come from a trunk, which has
    // no presence id and no SIP username (so neither has the agent's copy of the caller's profile).
    const userOnly = new Set(['Channel-Presence-ID', 'Caller-Username', 'Other-Leg-Username']);
    const compared = [...mine.keys()].filter((kind) => real.has(kind));
    expect(compared).toHaveLength(real.size - 2); // all but the registration and the agent's status change
    const withoutUser = (names: string[] | undefined) => names?.filter((name) => !userOnly.has(name));
    for (const kind of compared)
      expect([kind, withoutUser(mine.get(kind))]).toEqual([kind, withoutUser(real.get(kind))]);
  });
});

describe('generated calls, FreeSWITCH times and the end of a leg', () => {
  const generated = call('answered', 3, { hold: true });
  const caller = generated.callerUuid;

  it('carries each Caller-Channel-*-Time from the moment it happened, 0 before', () => {
    const create = headersOf(generated, 'CHANNEL_CREATE', caller);
    const answer = headersOf(generated, 'CHANNEL_ANSWER', caller);
    const bridge = headersOf(generated, 'CHANNEL_BRIDGE', caller);
    expect(create.get('Caller-Channel-Created-Time')).toBe(String(generated.startUs));
    expect(
      ['Answered', 'Bridged', 'Hangup', 'Progress', 'Transfer'].map((t) => create.get(`Caller-Channel-${t}-Time`)),
    ).toEqual(['0', '0', '0', '0', '0']);
    const answerAt = generated.events.find(({ event }) => event.name === 'CHANNEL_ANSWER')?.event.timestampUs;
    expect(answer.get('Caller-Channel-Answered-Time')).toBe(String(answerAt));
    expect(answer.get('Caller-Channel-Progress-Media-Time')).not.toBe('0');
    expect(bridge.get('Caller-Channel-Bridged-Time')).not.toBe('0');
    expect(bridge.get('Caller-Channel-Answered-Time')).toBe(answer.get('Caller-Channel-Answered-Time'));
  });

  it('fires CHANNEL_HANGUP at once (cause, hangup time still 0, no SIP disposition), then HANGUP_COMPLETE', () => {
    for (const uuid of [generated.callerUuid, generated.agentUuid]) {
      const legEvents = generated.events.filter(
        ({ event }) =>
          event.headers.some(([k, v]) => k === 'Unique-ID' && v === uuid) && event.name.startsWith('CHANNEL_'),
      );
      const names = legEvents.map(({ event }) => event.name);
      expect(names.slice(names.indexOf('CHANNEL_HANGUP'))).toEqual(
        uuid === caller
          ? ['CHANNEL_HANGUP', 'CHANNEL_UNBRIDGE', 'CHANNEL_HANGUP_COMPLETE']
          : ['CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE'],
      );
      const hangup = headersOf(generated, 'CHANNEL_HANGUP', uuid);
      const complete = headersOf(generated, 'CHANNEL_HANGUP_COMPLETE', uuid);
      const hangupAt = legEvents.find(({ event }) => event.name === 'CHANNEL_HANGUP')?.event.timestampUs;
      expect([
        hangup.get('Hangup-Cause'),
        hangup.get('Caller-Channel-Hangup-Time'),
        hangup.get('variable_sip_hangup_disposition'),
      ]).toEqual(['NORMAL_CLEARING', '0', undefined]);
      expect(complete.get('Caller-Channel-Hangup-Time')).toBe(String(hangupAt));
      expect(complete.get('variable_end_uepoch')).toBe(String(hangupAt));
      expect(complete.get('variable_sip_hangup_disposition')).toBe(uuid === caller ? 'recv_bye' : 'send_bye');
      expect(complete.get('Channel-State')).toBe('CS_REPORTING');
    }
  });

  it('counts hold time in the leg that was held', () => {
    const complete = headersOf(generated, 'CHANNEL_HANGUP_COMPLETE', generated.agentUuid);
    const hold = generated.events.find(({ event }) => event.name === 'CHANNEL_HOLD')?.event.timestampUs ?? 0n;
    const unhold = generated.events.find(({ event }) => event.name === 'CHANNEL_UNHOLD')?.event.timestampUs ?? 0n;
    expect(complete.get('variable_hold_accum_usec')).toBe(String(unhold - hold));
    expect(complete.get('Caller-Channel-Hold-Accum')).toBe(String(unhold - hold));
  });
});

describe('reportingVariables', () => {
  it.each(['cdr-queue-a-leg.json', 'cdr-queue-agent-leg.json'])('computes the durations of %s to the digit', (file) => {
    const cdr = JSON.parse(readFileSync(join(CDR_FIXTURES, file), 'utf8')) as {
      variables: Record<string, string>;
      callflow: Array<{ times: Record<string, string> }>;
    };
    const times = cdr.callflow[0]?.times ?? {};
    const us = (name: string): bigint => BigInt(times[name] ?? '0');
    const computed = reportingVariables({
      times: {
        profileCreated: us('profile_created_time'),
        created: us('created_time'),
        answered: us('answered_time'),
        progress: us('progress_time'),
        progressMedia: us('progress_media_time'),
        hangup: us('hangup_time'),
        transfer: us('transfer_time'),
        bridged: us('bridged_time'),
        lastHold: us('last_hold_time'),
        holdAccum: us('hold_accum_time'),
      },
      cause: 'NORMAL_CLEARING',
      callerIdName: 'Ben Phone',
      callerIdNumber: '2002',
    });
    const expected = Object.fromEntries(Object.keys(computed).map((name) => [name, cdr.variables[name]]));
    expect(computed).toEqual(expected);
  });
});
