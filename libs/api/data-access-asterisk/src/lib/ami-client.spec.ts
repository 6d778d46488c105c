import { createServer } from 'node:net';
import { FakeAmi } from '../../testing';
import { AmiClient, AmiRequestError } from './ami-client';

describe('AmiClient', () => {
  let ami: FakeAmi;
  let port: number;
  beforeAll(async () => {
    ami = new FakeAmi('sb', 'right-secret');
    port = await ami.start();
  });
  afterAll(() => ami.stop());

  const client = (password = 'right-secret') => new AmiClient({ host: '127.0.0.1', port, user: 'sb', password });

  it('logs in, runs the actions in order with their fields, answers each response, and logs off', async () => {
    ami.files.set('q.conf', new Map([['old', ['strategy=ringall']]]));
    const before = ami.actions.length;
    const [config, update] = await client().run([
      { action: 'GetConfig', fields: [['Filename', 'q.conf']] },
      {
        action: 'UpdateConfig',
        fields: [
          ['SrcFilename', 'q.conf'],
          ['DstFilename', 'q.conf'],
          ['Action-000000', 'NewCat'],
          ['Cat-000000', 'billing'],
        ],
      },
    ]);
    expect(config).toMatchObject({ Response: 'Success', 'Category-000000': 'old' });
    expect(update).toMatchObject({ Response: 'Success' });
    expect([...(ami.files.get('q.conf')?.keys() ?? [])]).toEqual(['old', 'billing']);
    expect(ami.actions.slice(before).map((fields) => fields[0]?.[1])).toEqual(['GetConfig', 'UpdateConfig', 'Logoff']);
  });

  it("stops at the first refused action and names it with Asterisk's message, never a field", async () => {
    ami.refuse('QueueReload', 'Permission denied');
    const error = await client()
      .run([{ action: 'QueueReload' }, { action: 'Ping' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmiRequestError);
    expect(error).toMatchObject({ action: 'QueueReload', message: 'Asterisk refused QueueReload: Permission denied' });
    expect(ami.received('Ping')).toHaveLength(0);
  });

  it('a wrong secret fails the login without the secret in the error', async () => {
    const error = await client('wrong-secret')
      .run([{ action: 'Ping' }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AmiRequestError', action: 'Login' });
    expect((error as Error).message).toBe('Asterisk refused Login: Authentication failed');
    expect((error as Error).message).not.toContain('wrong-secret');
  });

  it('refuses a value with a line break, which would smuggle in another action', async () => {
    const error = await client()
      .run([{ action: 'UpdateConfig', fields: [['Value-000000', 'x\r\n\r\nAction: Originate']] }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AmiRequestError', message: expect.stringMatching(/line break/) });
    expect(ami.received('Originate')).toHaveLength(0);
  });

  it('says when nothing answers like AMI: closed port, or a peer without the banner that stays silent', async () => {
    const closed = await new AmiClient({ host: '127.0.0.1', port: 9, user: 'sb', password: 'x', timeoutMs: 1000 })
      .run([])
      .catch((e: unknown) => e);
    expect(closed).toMatchObject({ name: 'AmiRequestError', message: expect.stringMatching(/AMI connection failed/) });

    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as { port: number }).port;
    const timedOut = await new AmiClient({
      host: '127.0.0.1',
      port: silentPort,
      user: 'sb',
      password: 'x',
      timeoutMs: 300,
    })
      .run([])
      .catch((e: unknown) => e);
    await new Promise((resolve) => silent.close(resolve));
    expect(timedOut).toMatchObject({
      name: 'AmiRequestError',
      message: expect.stringMatching(/no answer from AMI within 300 ms/),
    });
  });
});
