import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import {
  EslConnection,
  type EslConnectionEvents,
  type EslEvent,
  type EslMessage,
  EslParser,
  eslCommand,
  showChannelsJson,
} from '../src/index';
import { CAPTURES } from './capture';
import { buildCall } from './call-scenarios';
import { EslSimulator } from './esl-simulator';
import { Prng } from './prng';
import { eventually, nextEmit, recordingLogger } from './test-helpers';

/** A bare TCP client that reads frames with the parser, to check the simulator's bytes without the client logic. */
async function rawClient(
  port: number,
): Promise<{ socket: Socket; frames: EslMessage[]; closed: Promise<void>; send(text: string): void }> {
  const socket = connect({ host: '127.0.0.1', port });
  const parser = new EslParser();
  const frames: EslMessage[] = [];
  socket.on('data', (chunk: Buffer) => parser.push(chunk).forEach((r) => r.ok && frames.push(r.message)));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, frames, closed, send: (text) => socket.write(`${text}\n\n`) };
}

describe('EslSimulator wire protocol', () => {
  let sim: EslSimulator;
  let connection: EslConnection | undefined;
  beforeEach(async () => {
    sim = new EslSimulator({ heartbeatIntervalMs: 0, seed: 5 });
    await sim.start();
  });
  afterEach(async () => {
    await connection?.stop();
    connection = undefined;
    await sim.stop();
  });

  it('greets with auth/request, refuses a wrong password with -ERR invalid and a disconnect notice, then closes', async () => {
    const client = await rawClient(sim.port);
    client.send('auth nope');
    await client.closed;
    expect(client.frames.map((f) => (f.type === 'command-reply' ? f.replyText : f.type))).toEqual([
      'auth-request',
      '-ERR invalid',
      'disconnect-notice',
    ]);
  });

  it('answers event, api, bgapi and exit like mod_event_socket', async () => {
    const client = await rawClient(sim.port);
    client.send('auth ClueCon');
    client.send('event plain BACKGROUND_JOB');
    client.send('api nosuchthing now');
    client.send('bgapi echo hi\nJob-UUID: 11111111-2222-4333-8444-555555555555');
    await eventually(() => client.frames.length >= 6);
    client.send('exit');
    await client.closed;
    const summary = client.frames.map((f) => {
      if (f.type === 'command-reply') return f.replyText;
      if (f.type === 'api-response') return `api: ${f.body}`;
      if (f.type === 'event') return `${f.event.name} ${f.event.header('Job-UUID') ?? ''} ${f.event.body ?? ''}`;
      return f.type;
    });
    expect(summary).toEqual([
      'auth-request',
      '+OK accepted',
      '+OK event listener enabled plain',
      'api: -ERR nosuchthing Command not found!\n',
      '+OK Job-UUID: 11111111-2222-4333-8444-555555555555',
      'BACKGROUND_JOB 11111111-2222-4333-8444-555555555555 hi',
      '+OK bye',
      'disconnect-notice',
    ]);
  });

  it('sends CHANNEL_DESTROY right after every CHANNEL_HANGUP_COMPLETE, as FreeSWITCH does', async () => {
    const client = await rawClient(sim.port);
    client.send('auth ClueCon');
    client.send('event plain ALL');
    await eventually(() => client.frames.length === 3);
    const call = buildCall('abandoned', {
      prng: new Prng(1),
      startUs: 1_795_324_809_000_000n,
      queue: 'q',
      queueExtension: '9200',
      callerNumber: '2002',
      callerName: 'B',
    });
    for (const { event } of call.events) sim.emit(event);
    await eventually(() => client.frames.some((f) => f.type === 'event' && f.event.name === 'CHANNEL_DESTROY'));
    const events = client.frames.flatMap((f) =>
      f.type === 'event' && f.event.channelUuid === call.callerUuid ? [f.event] : [],
    );
    const channel = events.filter((event) => event.name.startsWith('CHANNEL_'));
    expect(channel.slice(-3).map((event) => event.name)).toEqual([
      'CHANNEL_HANGUP',
      'CHANNEL_HANGUP_COMPLETE',
      'CHANNEL_DESTROY',
    ]);
    const [complete, destroy] = channel.slice(-2);
    expect([
      destroy?.header('Channel-State-Number'),
      destroy?.timestampUs,
      destroy?.header('Caller-Channel-Hangup-Time'),
    ]).toEqual(['12', complete?.timestampUs, complete?.header('Caller-Channel-Hangup-Time')]);
    client.socket.destroy();
  });

  it('replays a capture byte-exact, filtered by the subscription', async () => {
    const text = readFileSync(CAPTURES.callcenter, 'latin1');
    const grep = (pattern: RegExp) => [...text.matchAll(pattern)].length;
    const subscribedInCapture =
      grep(
        /^Event-Name: (CHANNEL_CREATE|CHANNEL_PROGRESS|CHANNEL_PROGRESS_MEDIA|CHANNEL_ANSWER|CHANNEL_BRIDGE|CHANNEL_UNBRIDGE|CHANNEL_HOLD|CHANNEL_UNHOLD|CHANNEL_HANGUP|CHANNEL_HANGUP_COMPLETE|DTMF|RECORD_START|RECORD_STOP|HEARTBEAT|BACKGROUND_JOB)$/gm,
      ) + grep(/^Event-Subclass: (callcenter|sofia)%3A%3A(info|register|unregister|expire)$/gm);
    expect(subscribedInCapture).toBe(28);

    connection = new EslConnection(
      { id: 'sim', host: '127.0.0.1', port: sim.port, password: 'ClueCon' },
      { logger: recordingLogger() },
    );
    const received: EslEvent[] = [];
    connection.on('event', (event) => received.push(event));
    const connected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    connection.start();
    await connected;
    expect(await sim.replay(CAPTURES.callcenter)).toBe(28);
    await eventually(() => received.length === 28);
    expect(received.filter((e) => e.subclass === 'callcenter::info').map((e) => e.header('CC-Action'))).toContain(
      'bridge-agent-start',
    );
    expect(received.map((e) => e.sequence)).toContain(1016n);
    expect(received.every((e) => e.coreUuid === '75527a14-18f8-45ad-82f9-9ca7b878bf9c')).toBe(true);
  });

  it('keeps channel, agent and registration tables that follow its events and commands', async () => {
    connection = new EslConnection(
      { id: 'sim', host: '127.0.0.1', port: sim.port, password: 'ClueCon' },
      { logger: recordingLogger(), format: 'json' },
    );
    const connected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    connection.start();
    await connected;
    const generator = sim.startTraffic({ rate: 20, seed: 3, speed: 20, timeScale: 0.05 });
    const sequences: bigint[] = [];
    connection.on('event', (event) => sequences.push(event.sequence));
    // A wait, not a speed check: the generator's events are as large as FreeSWITCH's, and the suite may share the CPU.
    await eventually(() => sequences.length > 300, 20_000, '300 generated events');
    sim.stopTraffic();
    expect(sequences.every((s, i) => i === 0 || s > (sequences[i - 1] ?? 0n))).toBe(true);
    expect(generator.agents).toHaveLength(10);

    const channels = await showChannelsJson(connection);
    expect(channels.length).toBe(sim.state.channels.size);
    expect(JSON.parse(await connection.api('show registrations as json'))).toMatchObject({ row_count: 10 });
    const live = channels[0];
    if (live) {
      expect(await connection.api(eslCommand.uuidKill(live.uuid, 'USER_BUSY'))).toBe('+OK\n');
      // The hangup's events follow the +OK, as on FreeSWITCH; then the channel is no longer listed.
      await eventually(() => !sim.state.channels.has(live.uuid), 1_000, 'the killed channel to go');
    }
    expect(await connection.api(eslCommand.uuidKill('00000000-0000-4000-8000-000000000000'))).toBe(
      '-ERR No such channel!\n',
    );
    expect(await connection.api(eslCommand.originate('user/1002', '1002'))).toMatch(/^\+OK [0-9a-f-]{36}\n$/);
    expect(await connection.api(eslCommand.callcenterTierAdd('support@default', 'agent1000@default', 1, 1))).toBe(
      '+OK\n',
    );
    expect(sim.commandLines).toEqual(
      expect.arrayContaining([
        'api originate user/1002 1002 XML default',
        'api callcenter_config tier add support@default agent1000@default 1 1',
      ]),
    );
  }, 30_000);
});
