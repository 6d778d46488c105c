import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EslSimulator, eventually } from '../../testing';
import { EslNotConfiguredError } from './errors';
import { eslCommand } from './esl-command';
import { parseEslUrls } from './esl-node';
import { EslModule, EslService } from './esl.module';

@Injectable()
class AgentsFeature {
  constructor(readonly esl: EslService) {}
}

describe('EslModule', () => {
  it('gives feature modules an EslService that connects on init and says goodbye on close', async () => {
    const sim = new EslSimulator({ heartbeatIntervalMs: 0 });
    await sim.start();
    const moduleRef = await Test.createTestingModule({
      imports: [EslModule.forRoot(parseEslUrls(`esl://:ClueCon@127.0.0.1:${sim.port}`), { backoff: { initialMs: 20 } })],
      providers: [AgentsFeature],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    const { esl } = moduleRef.get(AgentsFeature);
    await eventually(() => esl.isConnected());
    expect(esl.nodeIds).toEqual([`127.0.0.1:${sim.port}`]);
    expect(await esl.api(eslCommand.status())).toMatch(/^UP /);
    const seen: string[] = [];
    const off = esl.on('event', (event, nodeId) => seen.push(`${nodeId} ${event.name}`));
    sim.emit({ name: 'CHANNEL_ANSWER', headers: [] });
    await eventually(() => seen.length === 1);
    expect(seen).toEqual([`127.0.0.1:${sim.port} CHANNEL_ANSWER`]);
    off();
    await moduleRef.close();
    expect(sim.commandLines.at(-1)).toBe('exit');
    expect(esl.isConnected()).toBe(false);
    await sim.stop();
  });

  it('without nodes the service exists, is not connected, and rejects commands with EslNotConfiguredError', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [EslModule.forRoot([])], providers: [AgentsFeature] }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    const { esl } = moduleRef.get(AgentsFeature);
    expect([esl.configured, esl.isConnected(), esl.nodeIds]).toEqual([false, false, []]);
    await expect(esl.api('status')).rejects.toThrow(EslNotConfiguredError);
    await expect(esl.api('status')).rejects.toMatchObject({ name: 'EslNotConfiguredError' });
    expect(esl.consume(() => undefined)).toBeUndefined();
    await moduleRef.close();
  });
});
