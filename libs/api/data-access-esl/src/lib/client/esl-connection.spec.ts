import { delay, EslSimulator, eventually, nextEmit, recordingLogger } from '../../../testing';
import { EslConnectionClosedError, EslTimeoutError, EslUnsafeArgumentError } from '../errors';
import { eslCommand } from '../esl-command';
import type { EslEvent } from '../protocol/esl-event';
import { callcenterAgentList } from '../results/callcenter';
import { showChannelsJson } from '../results/show-json';
import type { EslConnectionEvents, EslConnectionOptions } from './connection-options';
import { EslConnection } from './esl-connection';

const SUBSCRIPTION =
  'event plain CHANNEL_CREATE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_ANSWER CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_HOLD ' +
  'CHANNEL_UNHOLD CHANNEL_HANGUP CHANNEL_HANGUP_COMPLETE DTMF RECORD_START RECORD_STOP HEARTBEAT BACKGROUND_JOB CUSTOM callcenter::info sofia::register ' +
  'sofia::unregister sofia::expire';

describe('EslConnection against the simulator', () => {
  let sim: EslSimulator;
  let connection: EslConnection;
  const logger = recordingLogger();

  async function connect(options: EslConnectionOptions = {}, password = 'ClueCon'): Promise<EslConnection> {
    connection = new EslConnection(
      { id: 'fs1', host: '127.0.0.1', port: sim.port, password },
      { logger, backoff: { initialMs: 20, maxMs: 200 }, random: () => 1, ...options },
    );
    const connected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    connection.start();
    await connected;
    return connection;
  }

  beforeEach(async () => {
    logger.lines.length = 0;
    sim = new EslSimulator({ heartbeatIntervalMs: 0, seed: 7 });
    await sim.start();
  });

  afterEach(async () => {
    await connection?.stop();
    await sim.stop();
  });

  it('authenticates, subscribes with the exact FreeSWITCH syntax, then reports connected', async () => {
    await connect();
    expect(sim.commandLines).toEqual(['auth ClueCon', SUBSCRIPTION]);
    expect(connection.state).toBe('connected');
    expect(logger.lines).toContain('log: connected to FreeSWITCH fs1 (127.0.0.1:' + sim.port + ')');
  });

  it('receives what it subscribed to and nothing else', async () => {
    await connect();
    const received: string[] = [];
    connection.on('event', (event) => received.push(event.subclass ?? event.name));
    sim.emit({ name: 'CHANNEL_CREATE', headers: [['Unique-ID', 'u1']] });
    sim.emit({ name: 'CHANNEL_STATE', headers: [['Unique-ID', 'u1']] });
    sim.emit({ name: 'CUSTOM', subclass: 'sofia::pre_register', headers: [] });
    sim.emit({ name: 'CUSTOM', subclass: 'sofia::register', headers: [['username', '1000']] });
    sim.emit({ name: 'CUSTOM', subclass: 'callcenter::info', headers: [['CC-Action', 'members-count']] });
    await eventually(() => received.length >= 3);
    await delay(20);
    expect(received).toEqual(['CHANNEL_CREATE', 'sofia::register', 'callcenter::info']);
  });

  it('runs api and bgapi, and the typed helpers parse their output', async () => {
    await connect();
    expect(await connection.api('status')).toMatch(/^UP 0 years, /);
    expect(await connection.bgapi(eslCommand.api('echo', 'background-hello'))).toBe('background-hello');
    const bgapi = sim.commands.find((command) => command.line.startsWith('bgapi'));
    expect(bgapi?.line).toBe('bgapi echo background-hello');
    expect(bgapi?.headers['Job-UUID']).toMatch(/^[0-9a-f-]{36}$/);

    expect(await connection.api(eslCommand.callcenterAgentAdd('agent1000@default'))).toBe('+OK\n');
    expect(await connection.api(eslCommand.callcenterAgentSetStatus('agent1000@default', 'On Break'))).toBe('+OK\n');
    expect((await callcenterAgentList(connection)).map((agent) => [agent.name, agent.status])).toEqual([
      ['agent1000@default', 'On Break'],
    ]);
    expect(sim.commandLines).toContain("api callcenter_config agent set status agent1000@default 'On Break'");

    sim.emit({
      name: 'CHANNEL_CREATE',
      headers: [
        ['Unique-ID', 'c1'],
        ['Call-Direction', 'inbound'],
        ['Caller-Caller-ID-Number', '1000'],
        ['Caller-Destination-Number', '9200'],
      ],
    });
    expect(await showChannelsJson(connection)).toEqual([
      expect.objectContaining({ uuid: 'c1', direction: 'inbound', callerIdNumber: '1000', destination: '9200' }),
    ]);
  });

  it('matches replies to commands first in, first out, even behind a slow command', async () => {
    await connect();
    const texts = Array.from({ length: 30 }, (_, i) => `reply-${i}`);
    const slow = connection.api('msleep 80');
    const fast = texts.map((text, i) =>
      i % 5 === 0 ? connection.bgapi(`echo ${text}`) : connection.api(`echo ${text}`),
    );
    expect(await slow).toBe('+OK\n');
    expect(await Promise.all(fast)).toEqual(texts);
  });

  it('times a command out without letting its late reply answer the next command', async () => {
    await connect();
    sim.onApi('slow', async () => {
      await delay(150);
      return 'late reply';
    });
    await expect(connection.api('slow', 40)).rejects.toThrow(EslTimeoutError);
    expect(await connection.api('echo next')).toBe('next');
  });

  it('refuses unsafe command strings before writing anything, and commands while disconnected', async () => {
    await connect();
    await expect(connection.api('status\n\napi shutdown')).rejects.toThrow(EslUnsafeArgumentError);
    expect(sim.commandLines.some((line) => line.includes('shutdown'))).toBe(false);
    await connection.stop();
    await expect(connection.api('status')).rejects.toThrow(EslConnectionClosedError);
  });

  it('reports a wrong password as EslAuthError, keeps retrying with backoff, and connects once it is fixed', async () => {
    sim.password = 'right';
    connection = new EslConnection(
      { id: 'fs1', host: '127.0.0.1', port: sim.port, password: 'wrong' },
      { logger, backoff: { initialMs: 20, maxMs: 200 }, random: () => 1 },
    );
    const errors: string[] = [];
    connection.on('error', (error) => errors.push(error.name));
    connection.start();
    await eventually(() => sim.commandLines.filter((line) => line === 'auth wrong').length >= 3);
    expect(errors.filter((name) => name === 'EslAuthError').length).toBeGreaterThanOrEqual(2);
    expect(logger.lines.find((line) => line.includes('rejected authentication'))).toMatch(
      /^error: FreeSWITCH fs1 \(127\.0\.0\.1:\d+\) rejected authentication: FreeSWITCH fs1 refused the password \(-ERR invalid\); check the ESL password; retrying in 20 ms \(attempt 1\)$/,
    );
    const gaps = sim.commands
      .filter((c) => c.line === 'auth wrong')
      .map((c, i, all) => c.at - (all[i - 1]?.at ?? c.at))
      .slice(1);
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[1]).toBeGreaterThanOrEqual(38);
    sim.password = 'wrong';
    await nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected', 2_000);
    expect(connection.isConnected).toBe(true);
  });

  it('reconnects after the socket drops, re-authenticates, re-subscribes and emits connected again', async () => {
    await connect();
    const pending = connection.api('msleep 500');
    const disconnected = nextEmit<EslConnectionEvents, 'disconnected'>(connection, 'disconnected');
    const reconnected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    await delay(20);
    sim.dropConnections();
    await expect(pending).rejects.toThrow(EslConnectionClosedError);
    const [info] = await disconnected;
    expect(info).toMatchObject({ nodeId: 'fs1', wasConnected: true, reconnectInMs: 20 });
    expect(await reconnected).toEqual([{ nodeId: 'fs1', reconnect: true }]);
    const byConnection = new Map<number, string[]>();
    for (const command of sim.commands)
      byConnection.set(command.connectionId, [...(byConnection.get(command.connectionId) ?? []), command.line]);
    expect([...byConnection.values()].map((lines) => lines.filter((line) => !line.startsWith('api')))).toEqual([
      ['auth ClueCon', SUBSCRIPTION],
      ['auth ClueCon', SUBSCRIPTION],
    ]);
    expect(await connection.api('echo back')).toBe('back');
  });

  it('reconnectNow connects at once instead of waiting out a long backoff', async () => {
    await connect({ backoff: { initialMs: 60_000, maxMs: 60_000 } });
    await sim.stop();
    const disconnected = nextEmit<EslConnectionEvents, 'disconnected'>(connection, 'disconnected');
    const [info] = await disconnected;
    expect(info.reconnectInMs).toBe(60_000);
    await sim.start();
    const reconnected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    // Without it, the next try would be a minute away: past this test's time limit.
    connection.reconnectNow();
    expect(await reconnected).toEqual([{ nodeId: 'fs1', reconnect: true }]);
    // Connected: nothing to do.
    connection.reconnectNow();
    expect(await connection.api('echo still')).toBe('still');
  });

  it('replaces a socket whose heartbeats stop', async () => {
    await sim.stop();
    sim = new EslSimulator({ heartbeatIntervalMs: 30 });
    await sim.start();
    await connect({ heartbeatIntervalMs: 30, missedHeartbeats: 3 });
    await delay(150);
    expect(connection.isConnected).toBe(true);
    sim.pauseHeartbeats(true);
    const [error] = await nextEmit<EslConnectionEvents, 'error'>(connection, 'error', 1_000);
    expect(error).toBeInstanceOf(EslTimeoutError);
    expect(error.message).toBe('FreeSWITCH fs1: no HEARTBEAT for 90 ms (3 × 30 ms); presuming the socket dead');
    sim.pauseHeartbeats(false);
    expect(await nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected')).toEqual([
      { nodeId: 'fs1', reconnect: true },
    ]);
    expect(sim.commandLines.filter((line) => line === 'auth ClueCon')).toHaveLength(2);
  });

  it('isolates listeners: one that throws does not stop the others or the reader', async () => {
    await connect();
    const seen: number[] = [];
    connection.on('event', () => {
      throw new Error('listener bug');
    });
    connection.on('event', (event) => seen.push(Number(event.sequence)));
    for (let i = 0; i < 5; i++) sim.emit({ name: 'CHANNEL_ANSWER', headers: [] });
    await eventually(() => seen.length === 5);
    expect(connection.stats.listenerErrors).toBe(5);
    expect(logger.lines.filter((line) => line.includes('"event" listener threw'))).toHaveLength(5);
  });

  it('hands events to a slow async consumer through a bounded queue without stalling the reader', async () => {
    await connect();
    const syncSeen: EslEvent[] = [];
    const handled: bigint[] = [];
    connection.on('event', (event) => syncSeen.push(event));
    const queue = connection.consume(
      async (event) => {
        await delay(5);
        handled.push(event.sequence);
      },
      { maxDepth: 50 },
    );
    for (let i = 0; i < 200; i++) sim.emit({ name: 'DTMF', headers: [['DTMF-Digit', String(i % 10)]] });
    await eventually(() => syncSeen.length === 200, 2_000, 'all 200 events read');
    expect(handled.length).toBeLessThan(20);
    expect(queue.peakDepth).toBe(50);
    expect(connection.queueDepth).toBeGreaterThan(0);
    await queue.idle();
    expect(queue.dropped + handled.length).toBe(200);
    expect(queue.dropped).toBeGreaterThanOrEqual(140);
    expect(handled.at(-1)).toBe(syncSeen.at(-1)?.sequence);
    queue.stop();
    expect(connection.queueDepth).toBe(0);
  });

  it('speaks text/event-json when asked', async () => {
    await connect({ format: 'json' });
    expect(sim.commandLines[1]).toBe(SUBSCRIPTION.replace('event plain', 'event json'));
    expect(await connection.bgapi('echo from json')).toBe('from json');
  });

  it('says exit on stop and does not reconnect', async () => {
    await connect();
    await connection.stop();
    expect(sim.commandLines.at(-1)).toBe('exit');
    expect(connection.state).toBe('stopped');
    await delay(60);
    expect(sim.commandLines.filter((line) => line.startsWith('auth'))).toHaveLength(1);
  });
});
