import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ESL_EVENT_NAMES,
  EslConnection,
  type EslConnectionEvents,
  type EslEvent,
  channelDump,
  eslCommand,
} from '../src/index';
import { type GeneratedCall, buildCall } from './call-scenarios';
import { EslSimulator } from './esl-simulator';
import { Prng } from './prng';
import { eventually, nextEmit, recordingLogger } from './test-helpers';

/** The reply of a real FreeSWITCH 1.11.2 to `uuid_dump <uuid> json` (fixtures/README.md). */
const REAL_DUMP = readFileSync(join(__dirname, 'fixtures', 'fs-uuid-dump.json'), 'utf8');

function answeredCall(): GeneratedCall {
  return buildCall('answered', {
    prng: new Prng(21),
    startUs: BigInt(Date.now()) * 1000n,
    queue: 'support@switchboard.local',
    queueExtension: '9200',
    callerNumber: '2002',
    callerName: 'Ben Phone',
    agent: { name: '2001@switchboard.local', extension: '2001' },
    timeScale: 0.001,
  });
}

describe('channel commands of the simulator, against FreeSWITCH 1.11.2', () => {
  let sim: EslSimulator;
  let connection: EslConnection;
  let seen: EslEvent[];
  let call: GeneratedCall;

  beforeEach(async () => {
    sim = new EslSimulator({ heartbeatIntervalMs: 0, seed: 4 });
    await sim.start();
    connection = new EslConnection(
      { id: 'sim', host: '127.0.0.1', port: sim.port, password: 'ClueCon' },
      { logger: recordingLogger() },
    );
    seen = [];
    connection.on('event', (event) => seen.push(event));
    const connected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    connection.start();
    await connected;
    // A queue call in progress: every event up to the first hangup.
    call = answeredCall();
    const live = call.events.slice(
      0,
      call.events.findIndex(({ event }) => event.name === 'CHANNEL_HANGUP'),
    );
    for (const { event } of live) sim.emit(event);
    const subscribed = live.filter(
      ({ event }) => event.name === 'CUSTOM' || (ESL_EVENT_NAMES as readonly string[]).includes(event.name),
    );
    await eventually(() => seen.length === subscribed.length, 2_000, 'the call so far');
  });
  afterEach(async () => {
    await connection.stop();
    await sim.stop();
  });

  it('uuid_dump json answers like the real one: one unformatted CHANNEL_DATA object, standard headers first', async () => {
    const reply = await connection.api(`uuid_dump ${call.callerUuid} json`);
    const real = JSON.parse(REAL_DUMP) as Record<string, string>;
    const dump = JSON.parse(reply) as Record<string, string>;
    expect(reply).toBe(JSON.stringify(dump));
    expect(Object.keys(dump).slice(0, 16)).toEqual(Object.keys(real).slice(0, 16));
    expect(dump).toMatchObject({
      'Event-Name': 'CHANNEL_DATA',
      'Event-Calling-Function': 'uuid_dump_function',
      'Core-UUID': sim.identity.coreUuid,
      'Unique-ID': call.callerUuid,
    });
    // The dump takes the next sequence number, after the events already sent.
    expect(BigInt(dump['Event-Sequence'] ?? '0')).toBeGreaterThan(seen.at(-1)?.sequence ?? 0n);
    // Keys the two have in common come in the same order.
    const common = Object.keys(real).filter((key) => key in dump && !key.startsWith('variable_'));
    expect(Object.keys(dump).filter((key) => common.includes(key))).toEqual(common);
    expect(await connection.api('uuid_dump 00000000-0000-4000-8000-000000000000 json')).toBe('-ERR No such channel!\n');
  });

  it('uuid_dump says what a client that missed the events needs: FreeSWITCH times, queue, agent and bridge', async () => {
    const answered = seen.find((event) => event.name === 'CHANNEL_ANSWER' && event.channelUuid === call.callerUuid);
    const bridged = seen.find((event) => event.name === 'CHANNEL_BRIDGE');
    const caller = await channelDump(connection, call.callerUuid ?? '');
    expect(caller?.name).toBe('CHANNEL_DATA');
    expect(caller?.channelUuid).toBe(call.callerUuid);
    expect(caller?.header('Caller-Channel-Answered-Time')).toBe(String(answered?.timestampUs));
    expect(caller?.header('Caller-Channel-Bridged-Time')).toBe(String(bridged?.timestampUs));
    expect(caller?.header('Caller-Channel-Hangup-Time')).toBe('0');
    expect(caller?.header('variable_cc_queue')).toBe('support@switchboard.local');
    expect(caller?.header('variable_cc_agent')).toBe('2001@switchboard.local');
    expect(caller?.header('variable_cc_member_uuid')).toBe(call.memberUuid);
    expect(caller?.header('variable_cc_queue_joined_epoch')).toMatch(/^\d{10}$/);
    expect(caller?.header('variable_bridge_uuid')).toBe(call.agentUuid);
    const agent = await channelDump(connection, call.agentUuid ?? '');
    expect(agent?.header('variable_cc_member_session_uuid')).toBe(call.callerUuid);
    expect(agent?.header('variable_cc_side')).toBe('agent');
    expect(agent?.header('Other-Leg-Unique-ID')).toBe(call.callerUuid);
    const text = await connection.api(`uuid_dump ${call.callerUuid}`);
    expect(text.startsWith('Event-Name: CHANNEL_DATA\nCore-UUID: ')).toBe(true);
    expect(text).toContain('Event-Date-GMT: ');
    expect(text.endsWith('\n\n')).toBe(true);
  });

  it('uuid_kill answers +OK, then the A leg and its agent hang up as FreeSWITCH reports it', async () => {
    const before = seen.length;
    const reply = connection.api(eslCommand.uuidKill(call.callerUuid ?? '', 'MANAGER_REQUEST'));
    expect(await reply).toBe('+OK\n');
    await eventually(
      () => seen.filter((event) => event.name === 'CHANNEL_HANGUP_COMPLETE').length === 2,
      2_000,
      'both legs completed',
    );
    const after = seen
      .slice(before)
      .map((event) => `${event.name}:${event.channelUuid === call.callerUuid ? 'caller' : 'agent'}`);
    expect(after).toEqual([
      'CHANNEL_HANGUP:caller',
      'CHANNEL_HANGUP:agent',
      'CHANNEL_HANGUP_COMPLETE:agent',
      'CHANNEL_UNBRIDGE:caller',
      'CHANNEL_HANGUP_COMPLETE:caller',
    ]);
    // CHANNEL_DESTROY (which the connection does not subscribe to) ended both: FreeSWITCH no longer lists them.
    await eventually(() => sim.state.channels.size === 0, 1_000, 'no channel left');
    const hangup = seen.find((event) => event.name === 'CHANNEL_HANGUP' && event.channelUuid === call.callerUuid);
    const complete = seen.find(
      (event) => event.name === 'CHANNEL_HANGUP_COMPLETE' && event.channelUuid === call.callerUuid,
    );
    expect([
      hangup?.header('Hangup-Cause'),
      hangup?.header('Caller-Channel-Hangup-Time'),
      hangup?.header('variable_sip_hangup_disposition'),
    ]).toEqual(['MANAGER_REQUEST', '0', undefined]);
    expect(complete?.header('Caller-Channel-Hangup-Time')).toBe(String(hangup?.timestampUs));
    expect([
      complete?.header('Channel-State'),
      complete?.header('variable_sip_hangup_disposition'),
      complete?.header('variable_hangup_cause_q850'),
    ]).toEqual(['CS_REPORTING', 'send_bye', '503']);
    expect(await connection.api(`uuid_dump ${call.callerUuid} json`)).toBe('-ERR No such channel!\n');
    expect(JSON.parse(await connection.api('show channels as json'))).toEqual({ row_count: 0 });
  });

  it('originate uses origination_uuid and caller id, and its events follow the reply', async () => {
    const uuid = '11111111-2222-4333-8444-555555555555';
    const reply = await connection.api(
      `originate {origination_uuid=${uuid},origination_caller_id_number=1001}user/2001@switchboard.local &eavesdrop(${call.agentUuid})`,
    );
    expect(reply).toBe(`+OK ${uuid}\n`);
    await eventually(
      () => seen.some((event) => event.name === 'CHANNEL_ANSWER' && event.channelUuid === uuid),
      2_000,
      'the answer',
    );
    const created = seen.find((event) => event.name === 'CHANNEL_CREATE' && event.channelUuid === uuid);
    expect([
      created?.header('Call-Direction'),
      created?.header('Caller-Caller-ID-Number'),
      created?.header('Channel-Name'),
      created?.header('Caller-Channel-Created-Time'),
    ]).toEqual(['outbound', '1001', 'sofia/internal/2001@switchboard.local', String(created?.timestampUs)]);
    expect((await channelDump(connection, uuid))?.header('variable_current_application')).toBe('eavesdrop');
  });
});
