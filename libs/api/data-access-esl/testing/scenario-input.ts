import type { ScenarioInput } from './call-scenarios';
import { Prng } from './prng';

/**
 * A queue call's input as the generator's specs use it: Alice at +15550100 calls support@default (9200), answered
 * by agent 1000, with agent 1001 as the other agent. `overrides` change any of it (the seed: `prng`).
 */
export function scenarioInput(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    prng: new Prng(3),
    startUs: 1_795_324_809_000_000n,
    queue: 'support@default',
    queueExtension: '9200',
    callerNumber: '+15550100',
    callerName: 'Alice',
    agent: { name: 'agent1000@default', extension: '1000' },
    otherAgent: { name: 'agent1001@default', extension: '1001' },
    ...overrides,
  };
}
