import { EslConnection, type EslConnectionEvents, type EslEvent, showChannelsJson } from '../src/index';
import { buildCall } from './call-scenarios';
import { EslSimulator, type EslSimulatorOptions } from './esl-simulator';
import { Prng } from './prng';
import { delay, eventually, nextEmit, recordingLogger } from './test-helpers';

/** Everything a client gets, events and replies, in arrival order. */
type Arrival =
  | { readonly kind: 'event'; readonly event: EslEvent }
  | { readonly kind: 'reply'; readonly command: string };

function queueCall(seed: number) {
  return buildCall('answered', {
    prng: new Prng(seed),
    startUs: BigInt(Date.now()) * 1000n,
    queue: 'support@default',
    queueExtension: '9200',
    callerNumber: '+15550100',
    callerName: 'Alice',
    agent: { name: 'agent1000@default', extension: '1000' },
    timeScale: 0.001,
  });
}

describe('EslSimulator: events flow while a reply is pending', () => {
  let sim: EslSimulator;
  let connection: EslConnection;
  let arrivals: Arrival[];

  async function connect(options: EslSimulatorOptions = {}): Promise<void> {
    sim = new EslSimulator({ heartbeatIntervalMs: 0, seed: 2, ...options });
    await sim.start();
    connection = new EslConnection(
      { id: 'sim', host: '127.0.0.1', port: sim.port, password: 'ClueCon' },
      { logger: recordingLogger() },
    );
    arrivals = [];
    connection.on('event', (event) => arrivals.push({ kind: 'event', event }));
    const connected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    connection.start();
    await connected;
  }

  /** Sends an api command and notes when its reply arrives among the events. */
  async function api(command: string): Promise<string> {
    const reply = await connection.api(command);
    arrivals.push({ kind: 'reply', command });
    return reply;
  }

  afterEach(async () => {
    await connection.stop();
    await sim.stop();
  });

  it('holds a reply while events are emitted: they reach the client first, and the reply is the state at arrival', async () => {
    await connect();
    const hold = sim.holdReplies((command) => command.line === 'api show channels as json');
    const reply = api('show channels as json');
    const held = await hold.waitForHeld();
    expect(held.line).toBe('api show channels as json');
    // A call starts and ends while FreeSWITCH is still answering.
    const call = queueCall(5);
    for (const { event } of call.events) sim.emit(event);
    await eventually(() => arrivals.some(({ kind }) => kind === 'event'), 2_000, 'events before the reply');
    await delay(30);
    expect(arrivals.some(({ kind }) => kind === 'reply')).toBe(false);
    hold.release();
    // Taken before the call started: no channel, though the client already saw the call begin and end.
    expect(JSON.parse(await reply)).toEqual({ row_count: 0 });
    const replyAt = arrivals.findIndex(({ kind }) => kind === 'reply');
    const created = arrivals.findIndex(
      (arrival) => arrival.kind === 'event' && arrival.event.name === 'CHANNEL_CREATE',
    );
    expect(created).toBeGreaterThanOrEqual(0);
    expect(created).toBeLessThan(replyAt);
  });

  it('keeps answering in order: a command sent behind a held one waits for it', async () => {
    await connect();
    const hold = sim.holdReplies((command) => command.line === 'api callcenter_config agent list');
    const first = api('callcenter_config agent list');
    const second = api('status');
    await hold.waitForHeld();
    await delay(30);
    expect(arrivals).toEqual([]);
    sim.emit({
      name: 'CUSTOM',
      subclass: 'callcenter::info',
      headers: [
        ['CC-Agent', 'agent1000@default'],
        ['CC-Action', 'agent-status-change'],
        ['CC-Agent-Status', 'Available'],
      ],
    });
    await eventually(() => arrivals.length === 1, 2_000, 'the status change');
    hold.release();
    await Promise.all([first, second]);
    expect(
      arrivals.map((arrival) => (arrival.kind === 'reply' ? arrival.command : arrival.event.header('CC-Action'))),
    ).toEqual(['agent-status-change', 'callcenter_config agent list', 'status']);
  });

  it('replyDelayMs answers late while events keep coming; a function picks the commands', async () => {
    await connect({ replyDelayMs: (command) => (command.line.startsWith('api show') ? 150 : 0) });
    const started = Date.now();
    const channels = showChannelsJson(connection);
    const quick = api('status');
    await delay(20);
    sim.emit({
      name: 'CHANNEL_CREATE',
      headers: [
        ['Unique-ID', 'late-1'],
        ['Call-Direction', 'inbound'],
      ],
    });
    await channels;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await quick;
    expect(arrivals.map((arrival) => (arrival.kind === 'reply' ? arrival.command : arrival.event.name))).toEqual([
      'CHANNEL_CREATE',
      'status',
    ]);
  });
});
