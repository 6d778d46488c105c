import { PasswordHasher } from '@switchboard/api/feature-auth';
import {
  DEMO_AGENTS,
  DEMO_AGENT_PASSWORD,
  DEMO_AGENT_PASSWORD_HASH,
  DEMO_LIVE_AGENTS,
  DEMO_LIVE_QUEUE,
  demoSimAgents,
  demoSwitchQueues,
} from './demo-plan';

describe('demo plan', () => {
  it('signs demo agents in with the printed password, through a hash with the API’s current parameters', async () => {
    const check = await new PasswordHasher().verify(DEMO_AGENT_PASSWORD_HASH, DEMO_AGENT_PASSWORD);
    expect(check.valid).toBe(true);
    expect(check.upgradedHash).toBeUndefined();
    expect((await new PasswordHasher().verify(DEMO_AGENT_PASSWORD_HASH, 'demo-agent-pass!')).valid).toBe(false);
  });

  it('keeps the live queue and its agents out of the simulator, so no call or agent counts twice', () => {
    expect(demoSwitchQueues('d')).not.toContain(`${DEMO_LIVE_QUEUE.name}@d`);
    const simulated = new Set(demoSimAgents('d').map((agent) => agent.extension));
    expect(DEMO_LIVE_AGENTS.filter((agent) => simulated.has(agent.extension))).toEqual([]);
    expect(DEMO_AGENTS.filter((agent) => DEMO_LIVE_QUEUE.name in agent.tiers)).toEqual([]);
  });
});
