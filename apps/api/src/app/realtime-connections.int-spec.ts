import type { AddressInfo } from 'node:net';
import { Manager } from 'socket.io-client';
import { REALTIME_PATH } from '@switchboard/shared/contracts';
import {
  MAX_UNAUTHENTICATED_CONNECTIONS_PER_ADDRESS,
  UNAUTHENTICATED_GRACE_MS,
} from '@switchboard/api/feature-realtime';
import { RealtimeTestClient } from '@switchboard/api/feature-realtime/testing';
import { TEST_ADMIN, type TestApp, signIn, startTestApp } from '../testing/test-app';

jest.setTimeout(60_000);

/** One engine.io connection (what a browser tab holds), opened without joining any namespace yet. */
function connection(baseUrl: string): { manager: Manager; opened: Promise<boolean>; closed: Promise<void> } {
  const manager = new Manager(baseUrl, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    reconnection: false,
    autoConnect: false,
    forceNew: true,
  });
  const closed = new Promise<void>((resolve) => manager.on('close', () => resolve()));
  const opened = new Promise<boolean>((resolve) => manager.open((error) => resolve(error === undefined)));
  return { manager, opened, closed };
}

/** Resolves true when every promise settles within `ms`, false otherwise. */
async function allWithin(promises: Promise<unknown>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const result = await Promise.race([Promise.all(promises).then(() => true), timeout]);
  clearTimeout(timer);
  return result;
}

describe('socket.io connections: unauthenticated ones are closed, each address is limited', () => {
  let t: TestApp;
  let baseUrl = '';
  let token = '';
  const managers: Manager[] = [];
  const open = () => {
    const opened = connection(baseUrl);
    managers.push(opened.manager);
    return opened;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    token = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
  });
  afterEach(() => {
    for (const manager of managers.splice(0)) manager.engine?.close();
  });
  afterAll(() => t.close());

  it('refuses the default namespace "/" and closes connections that hold no authenticated socket', async () => {
    const supervisor = RealtimeTestClient.supervisor(baseUrl, token);
    await supervisor.next('snapshot');
    const bare = [open(), open(), open()];
    const onDefault = [open(), open(), open()];
    const refusals = onDefault.map(
      ({ manager }) =>
        new Promise<string>((resolve) =>
          manager
            .socket('/')
            .on('connect_error', (error) => resolve(error.message))
            .connect(),
        ),
    );
    const tokenless = [open(), open()];
    for (const { manager } of tokenless) manager.socket('/supervisor', { auth: {} }).connect();
    const forged = open();
    forged.manager.socket('/agent', { auth: { token: 'not-a-jwt' } }).connect();
    const all = [...bare, ...onDefault, ...tokenless, forged];
    expect(await Promise.all(all.map((c) => c.opened))).toEqual(all.map(() => true));
    for (const message of await Promise.all(refusals)) expect(message).toMatch(/\/supervisor or \/agent/);
    expect(
      await allWithin(
        all.map((c) => c.closed),
        UNAUTHENTICATED_GRACE_MS + 5_000,
      ),
    ).toBe(true);
    // A signed-in dashboard stays.
    expect(supervisor.socket.connected).toBe(true);
    supervisor.close();
  });

  it('answers an event whose payload holds a NUL with a ValidationError, before any handler', async () => {
    const supervisor = RealtimeTestClient.supervisor(baseUrl, token);
    await supervisor.next('snapshot');
    const answer: unknown = await supervisor.socket.emitWithAck('auth.renew', { token: `${token}\u0000` });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'ValidationError', message: 'token must not contain NUL characters' },
    });
    expect(supervisor.socket.connected).toBe(true);
    supervisor.close();
  });

  it(`admits ${MAX_UNAUTHENTICATED_CONNECTIONS_PER_ADDRESS} unauthenticated connections per address, not one more`, async () => {
    const admitted = Array.from({ length: MAX_UNAUTHENTICATED_CONNECTIONS_PER_ADDRESS }, () => open());
    expect((await Promise.all(admitted.map((c) => c.opened))).every(Boolean)).toBe(true);
    // Refused at the handshake, or closed at once if it slipped in alongside another.
    const extra = open();
    const refused = extra.opened.then((ok) => (ok ? extra.closed : undefined));
    expect(await allWithin([refused], 2_000)).toBe(true);
    for (const { manager } of admitted.splice(0, 10)) manager.engine?.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const supervisor = RealtimeTestClient.supervisor(baseUrl, token);
    await supervisor.next('snapshot');
    supervisor.close();
  });
});
