import { EslSimulator, eventually, malformedFrames, nextEmit, recordingLogger } from '../../../testing';
import type { EslError } from '../errors';
import type { EslConnectionEvents } from './connection-options';
import { EslConnection } from './esl-connection';

describe('EslConnection with a misbehaving peer', () => {
  let sim: EslSimulator;
  let connection: EslConnection;
  let errors: EslError[];
  let heartbeats: bigint[];
  const logger = recordingLogger();

  beforeEach(async () => {
    logger.lines.length = 0;
    sim = new EslSimulator({ heartbeatIntervalMs: 0 });
    await sim.start();
    connection = new EslConnection(
      { id: 'fs1', host: '127.0.0.1', port: sim.port, password: 'ClueCon' },
      { logger, backoff: { initialMs: 10, maxMs: 50 } },
    );
    errors = [];
    heartbeats = [];
    connection.on('error', (error) => errors.push(error));
    connection.on('event', (event) => event.name === 'HEARTBEAT' && heartbeats.push(event.sequence));
    const connected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    connection.start();
    await connected;
  });

  afterEach(async () => {
    await connection.stop();
    await sim.stop();
  });

  it.each([
    ['nonNumericContentLength', 'Content-Length "twelve" is not a number of bytes'],
    ['negativeContentLength', 'Content-Length "-5" is not a number of bytes'],
    ['headerWithoutColon', 'header line "Content-Type text/event-plain" is not "Name: value"'],
    ['binaryGarbage', 'is not "Name: value"'],
    ['shortContentLength', 'the stream is out of step'],
    ['oversized', 'frame of 10485760 bytes exceeds the 8388608 byte limit (maxFrameBytes)'],
  ] as const)('%s: reports a protocol error, resets the socket, reconnects and parses again', async (kind, message) => {
    const reconnected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    sim.sendRaw(malformedFrames[kind]());
    expect(await reconnected).toEqual([{ nodeId: 'fs1', reconnect: true }]);
    const protocolErrors = errors.filter((error) => error.name === 'EslProtocolError');
    expect(protocolErrors.at(-1)?.message).toContain(message);
    expect(
      logger.lines.some(
        (line) =>
          line.startsWith('warn: FreeSWITCH fs1 (127.0.0.1:') &&
          line.includes('disconnected:') &&
          line.includes('reconnecting in'),
      ),
    ).toBe(true);
    sim.heartbeat();
    await eventually(() => heartbeats.length === 1, 2_000, 'a heartbeat on the new socket');
  });

  it.each([
    ['unknownContentType', undefined],
    ['badEventBody', 'event header line "this is not a header" is not "Name: value"'],
    ['invalidJsonEvent', 'text/event-json body is not JSON'],
  ] as const)('%s: skips the frame and keeps the same socket', async (kind, message) => {
    sim.sendRaw(Buffer.concat([malformedFrames[kind](), malformedFrames.validHeartbeat(1)]));
    await eventually(() => heartbeats.length === 1, 2_000, 'the heartbeat after the bad frame');
    expect(sim.commandLines.filter((line) => line.startsWith('auth'))).toHaveLength(1);
    expect(connection.isConnected).toBe(true);
    if (message === undefined) {
      expect(connection.stats.unknownFrames).toBe(1);
      expect(logger.lines).toContain(
        'warn: FreeSWITCH fs1: ignoring a frame with unknown Content-Type "text/x-switchboard-future"',
      );
    } else {
      expect(errors.map((error) => error.message)).toEqual([expect.stringContaining(message)]);
      expect(connection.stats.protocolErrors).toBe(1);
    }
  });

  it('a connection that closes mid-frame reports the truncated frame, then reconnects', async () => {
    const reconnected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    sim.sendRaw(malformedFrames.truncated(90));
    await new Promise((resolve) => setTimeout(resolve, 20));
    sim.dropConnections();
    await reconnected;
    expect(errors.map((error) => error.message)).toContainEqual(
      expect.stringMatching(
        /^connection closed mid-frame: received \d+ of \d+ body bytes of a text\/event-plain frame$/,
      ),
    );
  });

  it('an unsolicited reply puts the stream out of step: reported and the socket reset', async () => {
    const reconnected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    sim.sendRaw(Buffer.from('Content-Type: api/response\nContent-Length: 4\n\n+OK\n'));
    await reconnected;
    expect(errors.at(-1)?.message).toBe('unexpected api-response with no command outstanding');
  });
});
