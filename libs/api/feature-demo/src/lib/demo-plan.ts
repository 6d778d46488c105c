import type { SimAgent } from '@switchboard/api/data-access-esl/testing';

/** A demo queue: what an admin would type into the queue form. */
export interface DemoQueue {
  readonly name: string;
  readonly displayName: string;
  readonly number: string;
  readonly serviceLevelSeconds: number;
  readonly strategy: 'longest-idle-agent' | 'ring-all' | 'round-robin';
}

/** A demo agent: a user, an extension, and its tiers (queue name → level). */
export interface DemoAgent {
  readonly displayName: string;
  readonly extension: string;
  readonly tiers: Readonly<Record<string, number>>;
}

/**
 * The demo contact center. Names start with `demo-` and every row is also flagged `demo`; removal goes by the flag.
 * Extensions 3001-3012 and queue numbers 3100-3103 are unlikely to clash with a real dial plan's.
 */
export const DEMO_QUEUES: readonly DemoQueue[] = [
  { name: 'demo-sales', displayName: 'Sales', number: '3100', serviceLevelSeconds: 20, strategy: 'longest-idle-agent' },
  {
    name: 'demo-support',
    displayName: 'Support',
    number: '3101',
    serviceLevelSeconds: 30,
    strategy: 'longest-idle-agent',
  },
  { name: 'demo-billing', displayName: 'Billing', number: '3102', serviceLevelSeconds: 60, strategy: 'round-robin' },
  { name: 'demo-vip', displayName: 'VIP care', number: '3103', serviceLevelSeconds: 15, strategy: 'ring-all' },
];

const NAMES = [
  'Ava Thompson',
  'Liam Carter',
  'Sofia Rossi',
  'Noah Fischer',
  'Maya Patel',
  'Lucas Martin',
  'Chloe Dubois',
  'Ethan Nakamura',
  'Zoe Andersen',
  'Omar Haddad',
  'Isla Murphy',
  'Mateo Silva',
] as const;

/** Each agent works one main queue (level 1) and backs up another (level 2); two agents serve VIP care. */
export const DEMO_AGENTS: readonly DemoAgent[] = NAMES.map((displayName, i) => {
  const main = DEMO_QUEUES[i % 3]?.name ?? 'demo-sales';
  const backup = i < 2 ? 'demo-vip' : (DEMO_QUEUES[(i + 1) % 3]?.name ?? 'demo-support');
  return { displayName, extension: String(3001 + i), tiers: { [main]: 1, [backup]: 2 } };
});

/**
 * The one demo queue whose calls are real: with a FreeSWITCH (the embedded one), the demo caller rings it now and
 * then, and whoever signs in as a live agent and goes Available answers a real call with audio. The simulator
 * neither routes calls to it nor moves its agents, so no call or agent is counted twice.
 */
export const DEMO_LIVE_QUEUE: DemoQueue = {
  name: 'demo-live',
  displayName: 'Live calls',
  number: '3104',
  serviceLevelSeconds: 30,
  strategy: 'longest-idle-agent',
};

/** The agents for people trying the demo: they serve only the live queue, and only a person moves them. */
export const DEMO_LIVE_AGENTS: readonly DemoAgent[] = [
  { displayName: 'Live Agent', extension: '3013', tiers: { [DEMO_LIVE_QUEUE.name]: 1 } },
  { displayName: 'Live Agent Two', extension: '3014', tiers: { [DEMO_LIVE_QUEUE.name]: 1 } },
];

/** Everything the demo provisions: the simulated contact center and the live queue with its agents. */
export const DEMO_SEEDED_QUEUES: readonly DemoQueue[] = [...DEMO_QUEUES, DEMO_LIVE_QUEUE];
export const DEMO_SEEDED_AGENTS: readonly DemoAgent[] = [...DEMO_AGENTS, ...DEMO_LIVE_AGENTS];

/** Password of every demo agent (printed at start): the demo is for trying the product, not for production. */
export const DEMO_AGENT_PASSWORD = 'demo-agent-pass';

/**
 * argon2id of {@link DEMO_AGENT_PASSWORD} with the API's parameters, made once (the password is public anyway): hashing
 * at seeding takes a second of CPU while the demo should come alive. A login re-hashes it if the parameters change.
 */
export const DEMO_AGENT_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,p=1,t=2$55PXICNcsH3ik23yigM4rQ$CVkh9mYtB7vJkc9wTuN9jBebuVS8WHC3m/pQJrXgXlI';

/** A demo agent's sign-in email. */
export function demoAgentEmail(agent: DemoAgent): string {
  return `${agent.displayName.toLowerCase().replace(/\s+/g, '.')}@demo.example.com`;
}

/** mod_callcenter's agent name, as AgentsService derives it from the extension. */
export function demoAgentName(agent: DemoAgent, domain: string): string {
  return `${agent.extension}@${domain}`;
}

/** The simulated demo agents as the simulated switch knows them (the live agents are left to people). */
export function demoSimAgents(domain: string): SimAgent[] {
  return DEMO_AGENTS.map((agent) => ({ name: demoAgentName(agent, domain), extension: agent.extension }));
}

/** The simulated demo queues as mod_callcenter names them (`demo-sales@domain`); not the live queue. */
export function demoSwitchQueues(domain: string): string[] {
  return DEMO_QUEUES.map((queue) => `${queue.name}@${domain}`);
}

/**
 * Calls per second of a weekday at UTC hour `hour` relative to the peak: nothing at night, a morning peak, a
 * lunch dip and an afternoon peak; weekends at a quarter.
 */
export function demoDayShape(atUs: bigint): number {
  const at = new Date(Number(atUs / 1000n));
  const hour = at.getUTCHours() + at.getUTCMinutes() / 60;
  const weekend = at.getUTCDay() === 0 || at.getUTCDay() === 6;
  const bump = (center: number, width: number): number => Math.exp(-(((hour - center) / width) ** 2));
  const shape = hour < 7 || hour > 20 ? 0 : Math.min(1, 0.9 * bump(10, 2) + 0.8 * bump(15, 2.5) + 0.15);
  return (weekend ? 0.25 : 1) * shape;
}
