import type { NestExpressApplication } from '@nestjs/platform-express';
import type pino from 'pino';
import { EslService } from '@switchboard/api/data-access-esl';
import type { EslSimulator } from '@switchboard/api/data-access-esl/testing';
import {
  DEMO_AGENT_PASSWORD,
  DEMO_LIVE_AGENTS,
  DEMO_LIVE_QUEUE,
  DemoCaller,
  type DemoSeedReport,
  DemoService,
  demoAgentEmail,
} from '@switchboard/api/feature-demo';

/**
 * DEMO=1, once the API listens: the floor is already alive from the simulator's first snapshot, so the demo's queues,
 * agents and tiers are provisioned now (a second or two, once), then a week of history is written (tens of seconds).
 * Resolves when the provisioning is done; the history goes on in the background.
 */
export async function seedDemoInBackground(
  app: NestExpressApplication,
  simulator: EslSimulator,
  log: pino.Logger,
): Promise<DemoSeedReport | undefined> {
  let report: DemoSeedReport | undefined;
  try {
    report = await app.get(DemoService).seed(simulator.identity.coreUuid);
    const statuses = new Map([...simulator.state.agents].map(([name, row]) => [name, row['status'] ?? '']));
    const adopted = await app.get(DemoService).adoptSimulatedStatuses(statuses);
    log.info({ adopted }, 'demo agents stored with the statuses the simulated switch has');
  } catch (error) {
    // A clash with real data (an extension number taken, say): the floor still shows the simulated traffic.
    log.error({ err: error }, 'could not seed the demo; the simulated traffic goes on');
    return undefined;
  }
  void fillDemoHistory(app, log);
  return report;
}

/** A week of demo call history, up to where the simulator's own (warm-up) traffic starts. */
async function fillDemoHistory(app: NestExpressApplication, log: pino.Logger): Promise<void> {
  try {
    await app.get(DemoService).fillHistory(BigInt(Date.now() - 15 * 60_000) * 1000n);
  } catch (error) {
    // The database went away or the API is stopping: the demo lacks some history, nothing else is affected.
    log.error({ err: error }, 'could not write the demo call history');
  }
}

/** Starts the demo's real calls into the live queue on the FreeSWITCH `nodeId`, once the demo is provisioned. */
export async function startDemoCalls(
  app: NestExpressApplication,
  nodeId: string,
  domain: string,
  provisioned: Promise<DemoSeedReport | undefined>,
  log: pino.Logger,
): Promise<DemoCaller> {
  let lastFailure = '';
  const caller = new DemoCaller(app.get(EslService), nodeId, domain, (reason) => {
    // One line per new reason, not one every interval.
    if (reason !== lastFailure) log.warn({ reason }, 'demo call not placed');
    lastFailure = reason;
  });
  await provisioned;
  caller.start();
  log.info({ queue: DEMO_LIVE_QUEUE.number }, 'DEMO=1: real demo calls into the live queue');
  return caller;
}

/** The start banner's lines about the demo; `live` when real demo calls are placed. */
export function demoBannerLines(live: boolean): string[] {
  const lines = [
    '',
    'Demo contact center (DEMO=1; remove its data with `npm run demo:remove`):',
    `  agents    ava.thompson@demo.example.com ... (12, simulated), password ${DEMO_AGENT_PASSWORD}`,
  ];
  if (live) {
    const emails = DEMO_LIVE_AGENTS.map(demoAgentEmail).join(', ');
    lines.push(
      `  live      sign in to the agent console as ${emails} (password ${DEMO_AGENT_PASSWORD}),`,
      `            go Available: a real caller rings from the "${DEMO_LIVE_QUEUE.displayName}" queue (${DEMO_LIVE_QUEUE.number}) within seconds`,
    );
  }
  return lines;
}
