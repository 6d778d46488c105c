// Provisioning through the API, as an administrator would: caller extensions (desk phones with a static SIP
// password), one queue, and agents with a tier each. Then mod_callcenter is told, with FreeSWITCH's own CLI commands,
// to reach every agent at the SIPp UAS instead of its (unregistered) extension, and to make them Available.
import { ADMIN, SIP_DOMAIN } from './stack';
import type { FsEventSocket } from './esl';
// The same API client as the phone tests' provisioning: one place that says how a call to the API fails.
import { request } from '../../apps/switchboard-e2e/src/sip/provisioning';

export { request };

export const QUEUE = { name: 'bench', displayName: 'Bench queue', number: '9400' } as const;
export const FS_QUEUE = `${QUEUE.name}@${SIP_DOMAIN}`;
/** Where the agents' SIPp UAS listens. */
export const AGENT_UAS = { host: '127.0.0.3', port: 5090 } as const;

/** A desk phone that places the calls of one phase (so each phase's records are told apart by caller number). */
export interface CallerPhone {
  readonly number: string;
  readonly password: string;
}

export async function login(base: string): Promise<string> {
  return (await request<{ accessToken: string }>(base, undefined, 'POST', '/api/auth/login', ADMIN)).accessToken;
}

/** Runs `work` for 0..count-1 with at most `parallel` at once. */
async function pool(count: number, parallel: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

export const agentName = (index: number): string => `bench${String(index + 1).padStart(3, '0')}@${SIP_DOMAIN}`;

/**
 * Creates the callers, the queue and `agentCount` agents (wrap-up and every delay 0, so an agent is offered the next
 * call as soon as the last ends, and never put On Break by a no-answer).
 */
export async function provision(
  base: string,
  token: string,
  callers: readonly CallerPhone[],
  agentCount: number,
): Promise<void> {
  for (const caller of callers)
    await request(base, token, 'POST', '/api/extensions', {
      number: caller.number,
      displayName: `Bench caller ${caller.number}`,
      outboundClass: 'INTERNAL',
      password: caller.password,
    });
  const queue = await request<{ id: string }>(base, token, 'POST', '/api/queues', QUEUE);
  await pool(agentCount, 4, async (index) => {
    const name = agentName(index);
    const user = await request<{ id: string }>(base, token, 'POST', '/api/users', {
      email: `${name.split('@')[0]}@bench.example.com`,
      displayName: `Bench agent ${index + 1}`,
      role: 'AGENT',
      password: 'Bench-agent-pass-1',
    });
    const agent = await request<{ id: string }>(base, token, 'POST', '/api/agents', {
      userId: user.id,
      name,
      wrapUpTime: 0,
      maxNoAnswer: 0,
      noAnswerDelayTime: 0,
      rejectDelayTime: 0,
      busyDelayTime: 0,
    });
    await request(base, token, 'POST', '/api/tiers', { agentId: agent.id, queueId: queue.id });
  });
}

/** Points every agent at the SIPp UAS and makes it Available, with FreeSWITCH's own callcenter_config. */
export async function connectAgents(esl: FsEventSocket, agentCount: number): Promise<void> {
  for (let index = 0; index < agentCount; index++) {
    const name = agentName(index);
    const contact = `[leg_timeout=30]sofia/internal/sip:${name.split('@')[0]}@${AGENT_UAS.host}:${AGENT_UAS.port}`;
    for (const command of [
      `callcenter_config agent set contact ${name} ${contact}`,
      `callcenter_config agent set status ${name} Available`,
    ]) {
      const reply = await esl.api(command);
      if (!reply.startsWith('+OK')) throw new Error(`FreeSWITCH answered "${reply}" to: ${command}`);
    }
  }
  const available = await esl.api(`callcenter_config queue count agents ${FS_QUEUE} Available`);
  if (Number(available) !== agentCount)
    throw new Error(`mod_callcenter has ${available} Available agents in ${FS_QUEUE}, expected ${agentCount}`);
}
