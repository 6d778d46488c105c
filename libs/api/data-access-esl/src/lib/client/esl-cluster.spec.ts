import { EslSimulator, eventually, recordingLogger } from '../../../testing';
import { EslConnectionClosedError } from '../errors';
import { EslCluster } from './esl-cluster';

describe('EslCluster', () => {
  const sims: EslSimulator[] = [];
  let cluster: EslCluster;

  beforeEach(async () => {
    sims.length = 0;
    for (const seed of [1, 2]) {
      const sim = new EslSimulator({ heartbeatIntervalMs: 0, seed });
      await sim.start();
      sims.push(sim);
    }
    const [a, b] = sims;
    cluster = new EslCluster(
      [
        { id: 'fs-a', host: '127.0.0.1', port: a?.port ?? 0, password: 'ClueCon' },
        { id: 'fs-b', host: '127.0.0.1', port: b?.port ?? 0, password: 'ClueCon' },
      ],
      { logger: recordingLogger(), backoff: { initialMs: 20, maxMs: 100 } },
    );
  });

  afterEach(async () => {
    await cluster.stop();
    await Promise.all(sims.map((sim) => sim.stop()));
  });

  it('connects every node, tags events with their node, and routes commands', async () => {
    const connected: string[] = [];
    cluster.on('connected', (info) => connected.push(info.nodeId));
    const events: Array<[string, string]> = [];
    cluster.on('event', (event, nodeId) => events.push([nodeId, event.coreUuid]));
    expect(cluster.isConnected()).toBe(false);
    cluster.start();
    await eventually(() => cluster.isConnected());
    expect(connected.sort()).toEqual(['fs-a', 'fs-b']);
    sims[0]?.emit({ name: 'CHANNEL_CREATE', headers: [] });
    sims[1]?.emit({ name: 'CHANNEL_CREATE', headers: [] });
    await eventually(() => events.length === 2);
    expect(Object.fromEntries(events)).toEqual({
      'fs-a': sims[0]?.identity.coreUuid,
      'fs-b': sims[1]?.identity.coreUuid,
    });

    await cluster.api('echo to-b', 'fs-b');
    expect(sims[1]?.commandLines).toContain('api echo to-b');
    expect(sims[0]?.commandLines).not.toContain('api echo to-b');
    await expect(cluster.api('status', 'fs-z')).rejects.toThrow('no ESL node "fs-z" (configured: fs-a, fs-b)');
  });

  it('without a node id uses the first connected node, and reports partial connectivity', async () => {
    cluster.start();
    await eventually(() => cluster.isConnected());
    await sims[0]?.stop();
    await eventually(() => !cluster.isConnected('fs-a'));
    expect(cluster.isConnected()).toBe(false);
    expect(cluster.isConnected('fs-b')).toBe(true);
    expect(await cluster.api('echo fallback')).toBe('fallback');
    expect(sims[1]?.commandLines).toContain('api echo fallback');
    await sims[1]?.stop();
    await eventually(() => !cluster.isConnected('fs-b'));
    await expect(cluster.api('status')).rejects.toThrow(EslConnectionClosedError);
  });
});
