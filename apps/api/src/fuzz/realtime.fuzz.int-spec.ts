// Fuzz of the socket.io API: hostile handshakes on any namespace, hostile payloads on every event of /supervisor and
// /agent, and raw socket.io packets. The server must answer or refuse, keep serving signed-in sockets and never crash.
import fc from 'fast-check';
import { Manager, type Socket } from 'socket.io-client';
import { type RealtimeAck, REALTIME_PATH } from '@switchboard/shared/contracts';
import { RealtimeTestClient } from '@switchboard/api/feature-realtime/testing';
import { type RealtimeFixture, provisionAgent, startRealtimeApi, userWithToken } from '../testing/realtime-fixtures';
import {
  ProcessWatch,
  announceFuzzRun,
  fuzzParameters,
  hostileText,
  hostileValue,
  humanText,
  print,
  wellFormed,
} from './fuzz-support';

jest.setTimeout(180_000);

const SUPERVISOR_EVENTS = ['queue.subscribe', 'queue.unsubscribe', 'auth.renew'] as const;
const AGENT_EVENTS = ['auth.renew', 'phone.health'] as const;
/** Names socket.io-client will not emit (it throws): not something a client can send. */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
const PAYLOAD_KEYS = ['queues', 'token', 'registration', 'mos', 'rttMs', 'jitterMs', 'packetLossPct', 'batch'];

/** A socket.io socket on `namespace` with `auth`, on a connection of its own, never reconnecting. */
function rawSocket(baseUrl: string, namespace: string, auth: unknown): Socket {
  const manager = new Manager(baseUrl, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return manager.socket(namespace, { auth: auth as Record<string, unknown> });
}

/** Whether an ack has the realtime API's shape: `{ok: true, ...}` or `{ok: false, error: {code, message}}`. */
function isAck(answer: unknown): answer is RealtimeAck<object> {
  if (typeof answer !== 'object' || answer === null) return false;
  const { ok, error } = answer as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  return ok === true || (ok === false && typeof error?.code === 'string' && typeof error.message === 'string');
}

describe('fuzz: socket.io (handshakes, event payloads, raw packets)', () => {
  const watch = new ProcessWatch();
  const run = announceFuzzRun('realtime');
  let f: RealtimeFixture;
  let supervisorToken = '';
  let agentToken = '';

  beforeAll(async () => {
    watch.install();
    f = await startRealtimeApi('fuzz-realtime');
    supervisorToken = (await userWithToken(f, 'fuzz-sup@example.com', 'SUPERVISOR')).token;
    const agent = await userWithToken(f, 'fuzz-agent@example.com', 'AGENT');
    agentToken = agent.token;
    await provisionAgent(f, agent.id, '2001', ['support']);
  });
  afterAll(async () => {
    watch.uninstall();
    print(run.summary());
    await f.close();
  });
  afterEach(async () => {
    expect(watch.problems).toEqual([]);
    // Still serving: a signed-in dashboard gets its snapshot.
    const check = RealtimeTestClient.supervisor(f.baseUrl, supervisorToken);
    await check.next('snapshot');
    check.close();
  });

  /** Sends each event with an ack and checks the answer; the signed-in socket must survive every payload. */
  async function fuzzEvents(socket: Socket, events: readonly string[], numRuns: number): Promise<void> {
    const event = fc.record({
      name: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...events) },
        hostileText.filter((name) => !RESERVED.has(name)),
      ),
      payload: fc.oneof(
        hostileValue(PAYLOAD_KEYS),
        fc.dictionary(fc.constantFrom(...PAYLOAD_KEYS), hostileValue(PAYLOAD_KEYS), { maxKeys: 4 }),
        fc.array(humanText(60), { minLength: 1, maxLength: 3 }).map((queues) => ({ queues })),
      ),
      extra: fc.option(hostileValue(), { freq: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 3, maxLength: 3 }), async (batch) => {
        for (const { name, payload, extra } of batch) {
          if (!events.includes(name) || extra !== null) {
            // No handler, or an argument where the handler looks for its ack: nothing answers, nothing may break.
            socket.emit(name, ...(extra === null ? [payload] : [payload, extra]));
            continue;
          }
          const answer: unknown = await socket.timeout(5_000).emitWithAck(name, payload);
          if (!isAck(answer))
            throw new Error(`${name} ${JSON.stringify(payload)} was answered ${JSON.stringify(answer)}`);
        }
        const answer: unknown = await socket.timeout(5_000).emitWithAck('snapshot.request');
        if (!socket.connected || !isAck(answer) || !answer.ok)
          throw new Error(`the socket no longer works after ${JSON.stringify(batch)}`);
      }),
      fuzzParameters(numRuns, 4),
    );
  }

  it('answers every /supervisor event with a well-formed ack, whatever its payload, and keeps the socket', async () => {
    const client = RealtimeTestClient.supervisor(f.baseUrl, supervisorToken, { batch: true });
    await client.next('snapshot');
    await fuzzEvents(client.socket as unknown as Socket, SUPERVISOR_EVENTS, 100);
    client.close();
  });

  it('answers every /agent event with a well-formed ack, whatever its payload, and keeps the socket', async () => {
    const client = RealtimeTestClient.agent(f.baseUrl, agentToken);
    await client.next('snapshot');
    await fuzzEvents(client.socket as unknown as Socket, AGENT_EVENTS, 60);
    client.close();
  });

  it('subscribes to queues with any well-formed name', async () => {
    const client = RealtimeTestClient.supervisor(f.baseUrl, supervisorToken);
    await client.next('snapshot');
    await fc.assert(
      fc.asyncProperty(fc.array(humanText(128), { minLength: 1, maxLength: 5 }), async (queues) => {
        const answer: unknown = await client.socket.timeout(5_000).emitWithAck('queue.subscribe', { queues });
        if (!isAck(answer) || !answer.ok)
          throw new Error(`queue.subscribe ${JSON.stringify(queues)}: ${JSON.stringify(answer)}`);
      }),
      fuzzParameters(100),
    );
    client.close();
  });

  it('refuses or serves any handshake on any namespace within seconds, never hanging', async () => {
    const handshake = fc.record({
      namespace: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('/supervisor', '/agent', '/') },
        // socket.io-client cannot match the server's answer to a name it sent with a lone surrogate (the wire
        // carries U+FFFD), so names are generated as the wire carries them.
        hostileText.map((text) => `/${wellFormed(text)}`),
      ),
      auth: fc.oneof(
        hostileValue(['token', 'batch']),
        fc.record({
          token: fc.oneof(hostileText, fc.constantFrom(supervisorToken, agentToken)),
          batch: hostileValue(),
        }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(handshake, async ({ namespace, auth }) => {
        const socket = rawSocket(
          f.baseUrl,
          namespace,
          typeof auth === 'object' && auth !== null ? auth : { token: auth },
        );
        const outcome = await new Promise<string>((resolve) => {
          const timer = setTimeout(() => resolve('hung'), 5_000);
          const settle = (what: string) => () => (clearTimeout(timer), resolve(what));
          socket.on('connect_error', settle('refused'));
          socket.on('snapshot', settle('served'));
          socket.on('disconnect', settle('disconnected'));
        });
        socket.io.engine?.close();
        if (outcome === 'hung')
          throw new Error(`handshake on ${JSON.stringify(namespace)} with ${JSON.stringify(auth)} hung`);
      }),
      fuzzParameters(60),
    );
  });

  it('survives raw socket.io packets of any shape', async () => {
    const packet = fc
      .tuple(
        fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '40', '41', '42', '43', '44', '45', '46', '451-', ''),
        fc.constantFrom('', '/supervisor,', '/agent,', '/,', '/nowhere,'),
        fc.option(fc.nat({ max: 1_000_000 }).map(String), { freq: 3 }),
        fc.oneof(
          hostileValue(PAYLOAD_KEYS).map((value) => JSON.stringify(value) ?? ''),
          hostileText,
        ),
      )
      .map(([type, namespace, id, data]) => `${type}${namespace}${id ?? ''}${data}`);
    await fc.assert(
      fc.asyncProperty(fc.array(packet, { minLength: 1, maxLength: 3 }), fc.boolean(), async (packets, signedIn) => {
        const socket = rawSocket(f.baseUrl, '/supervisor', signedIn ? { token: supervisorToken } : {});
        await new Promise<void>((resolve) => socket.io.once('open', () => resolve()));
        for (const raw of packets) socket.io.engine.write(raw);
        await new Promise((resolve) => setTimeout(resolve, 10));
        socket.io.engine.close();
      }),
      fuzzParameters(75, 2),
    );
  });
});
