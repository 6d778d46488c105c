import { FakeAri } from '../../testing';
import { AriClient, AriRequestError } from './ari-client';

describe('AriClient', () => {
  let ari: FakeAri;
  beforeAll(async () => (ari = await FakeAri.start('sb', 'right')));
  afterAll(() => ari.stop());

  it('writes, reads and deletes PJSIP objects through the dynamic configuration API', async () => {
    const client = new AriClient({ baseUrl: ari.url, user: 'sb', password: 'right' });
    await client.putPjsipObject('auth', '1001', { auth_type: 'digest', password_digest: 'MD5:abc' });
    expect(ari.objects.get('auth/1001')).toEqual({ auth_type: 'digest', password_digest: 'MD5:abc' });
    expect(await client.hasPjsipObject('auth', '1001')).toBe(true);
    expect(await client.deletePjsipObject('auth', '1001')).toBe(true);
    expect(await client.deletePjsipObject('auth', '1001')).toBe(false);
    expect(await client.hasPjsipObject('auth', '1001')).toBe(false);
    expect((await client.info()).version).toBe('23.4.1');
  });

  it('fails with the status, and without the fields it sent, when Asterisk refuses', async () => {
    const client = new AriClient({ baseUrl: ari.url, user: 'sb', password: 'wrong' });
    const error = await client
      .putPjsipObject('auth', '1001', { password_digest: 'MD5:secret-hash' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AriRequestError);
    expect((error as AriRequestError).status).toBe(401);
    expect((error as Error).message).not.toContain('secret-hash');
  });

  it('says when Asterisk is not reached', async () => {
    const client = new AriClient({ baseUrl: 'http://127.0.0.1:9', user: 'sb', password: 'right', timeoutMs: 500 });
    const error = await client.info().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AriRequestError);
    expect((error as AriRequestError).status).toBeUndefined();
  });
});
