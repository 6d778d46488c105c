import { type AgentStatusCode, CALLCENTER_AGENT_STATUS } from '@switchboard/shared/contracts';

/** A value was about to go into a FreeSWITCH command line although it does not match its argument pattern. */
export class UnsafeCommandArgumentError extends Error {
  override readonly name = 'UnsafeCommandArgument';
}

/**
 * One pattern per kind of argument. mod_callcenter splits its arguments on spaces and ESL ends a command at a line
 * break, so none of these admit whitespace, quotes, `%`, `$`, braces or anything a shell or FreeSWITCH would read.
 */
const ARGUMENT_PATTERNS = {
  agent: /^[A-Za-z0-9_.-]{1,64}(@[A-Za-z0-9.-]{1,190})?$/,
  queue: /^[a-z0-9_-]{1,64}@[A-Za-z0-9.-]{1,190}$/,
  count: /^(0|[1-9][0-9]{0,5})$/,
  contact:
    /^(\[leg_timeout=[1-9][0-9]{0,2}\]user\/[A-Za-z0-9_.-]{2,32}@[A-Za-z0-9.-]{1,190}|error\/user_not_registered)$/,
  domain: /^[A-Za-z0-9.-]{1,190}$/,
  sipUser: /^[A-Za-z0-9_.-]{2,32}$/,
  queueName: /^[a-z0-9_-]{1,64}$/,
} as const;

type ArgumentKind = keyof typeof ARGUMENT_PATTERNS;

function arg(kind: ArgumentKind, value: string | number): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !ARGUMENT_PATTERNS[kind].test(text)) {
    throw new UnsafeCommandArgumentError(
      `refusing ${kind} ${JSON.stringify(String(value).slice(0, 80))}: it does not match ${ARGUMENT_PATTERNS[kind].source}`,
    );
  }
  return text;
}

/** How long mod_callcenter rings an agent's extension before counting a no-answer. */
export const AGENT_RING_SECONDS = 30;

/** mod_callcenter's agent timer keys (`callcenter_config agent set KEY NAME VALUE`). */
export const AGENT_TIMER_KEYS = {
  maxNoAnswer: 'max_no_answer',
  wrapUpTime: 'wrap_up_time',
  rejectDelayTime: 'reject_delay_time',
  busyDelayTime: 'busy_delay_time',
  noAnswerDelayTime: 'no_answer_delay_time',
} as const;
export type AgentTimerField = keyof typeof AGENT_TIMER_KEYS;
export type AgentTimers = Record<AgentTimerField, number>;

/** Queue name as mod_callcenter knows it: `support@switchboard.local`. */
export function fsQueueName(queueName: string, domain: string): string {
  return `${arg('queueName', queueName)}@${arg('domain', domain)}`;
}

/**
 * The dial string mod_callcenter originates to reach an agent: the extension through the `user/` endpoint (so the
 * directory's dial-string finds every registered device), or a fast failure when the agent has no extension.
 */
export function agentContact(extension: { number: string; domain: string } | null): string {
  if (!extension) return 'error/user_not_registered';
  return `[leg_timeout=${AGENT_RING_SECONDS}]user/${arg('sipUser', extension.number)}@${arg('domain', extension.domain)}`;
}

const cc = (...parts: string[]): string => ['callcenter_config', ...parts].join(' ');

/** Builds `callcenter_config` commands from checked arguments only. Each method throws {@link UnsafeCommandArgumentError}. */
export const callcenterCommands = {
  agentAdd: (agent: string) => cc('agent', 'add', arg('agent', agent), 'callback'),
  agentSetContact: (agent: string, contact: string) =>
    cc('agent', 'set', 'contact', arg('agent', agent), arg('contact', contact)),
  agentSetTimer: (field: AgentTimerField, agent: string, value: number) =>
    cc('agent', 'set', AGENT_TIMER_KEYS[field], arg('agent', agent), arg('count', value)),
  agentDel: (agent: string) => cc('agent', 'del', arg('agent', agent)),
  // The status comes from a fixed set; quoted, because switch_separate_string keeps 'On Break' one argument.
  agentSetStatus: (agent: string, status: AgentStatusCode) =>
    cc('agent', 'set', 'status', arg('agent', agent), `'${CALLCENTER_AGENT_STATUS[status]}'`),
  tierAdd: (queue: string, agent: string, level: number, position: number) =>
    cc('tier', 'add', arg('queue', queue), arg('agent', agent), arg('count', level), arg('count', position)),
  tierSet: (key: 'level' | 'position', queue: string, agent: string, value: number) =>
    cc('tier', 'set', key, arg('queue', queue), arg('agent', agent), arg('count', value)),
  tierDel: (queue: string, agent: string) => cc('tier', 'del', arg('queue', queue), arg('agent', agent)),
  queueLoad: (queue: string) => cc('queue', 'load', arg('queue', queue)),
  queueReload: (queue: string) => cc('queue', 'reload', arg('queue', queue)),
  queueUnload: (queue: string) => cc('queue', 'unload', arg('queue', queue)),
} as const;
