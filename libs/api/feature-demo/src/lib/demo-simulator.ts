import { randomBytes } from 'node:crypto';
import type { EslNode } from '@switchboard/api/data-access-esl';
import { EslSimulator } from '@switchboard/api/data-access-esl/testing';
import { DEMO_SIMULATOR_NODE } from '@switchboard/shared/contracts';
import { demoSimAgents, demoSwitchQueues } from './demo-plan';

/** Node id (and FreeSWITCH-Hostname) of the demo's simulated switch; the dashboard labels its traffic as simulated. */
export const DEMO_NODE_ID = DEMO_SIMULATOR_NODE;

/** Live demo traffic: a busy hour for twelve agents (calls per second). */
export const DEMO_LIVE_RATE = 0.1;

/** How much traffic has already happened when the API first connects, so the floor is busy at once. */
export const DEMO_WARM_UP_MS = 10 * 60_000;

/**
 * Starts the demo's simulated FreeSWITCH with the demo queues and agents, already ten minutes into a busy hour:
 * callers waiting, agents on calls, in wrap-up and on break. The API connects to it like to any FreeSWITCH and reads
 * that state at once (show channels, callcenter_config), so the floor is alive from its first snapshot.
 */
export async function startDemoSimulator(
  domain: string,
  seed = Date.now() % 1_000_000,
): Promise<{ simulator: EslSimulator; node: EslNode }> {
  const simulator = new EslSimulator({ hostname: DEMO_NODE_ID, password: randomBytes(12).toString('hex'), seed });
  const queues = demoSwitchQueues(domain);
  for (const queue of queues) simulator.state.queues.add(queue);
  const port = await simulator.start();
  simulator.startTraffic({
    rate: DEMO_LIVE_RATE,
    seed,
    agents: demoSimAgents(domain),
    queues,
    breakChance: 0.08,
    wrapUpMs: [5_000, 40_000],
    warmUpMs: DEMO_WARM_UP_MS,
  });
  return { simulator, node: { id: DEMO_NODE_ID, host: '127.0.0.1', port, password: simulator.password } };
}
