import type { AmiAction } from '@switchboard/api/data-access-asterisk';
import { AGENT_NAME_PATTERN, QUEUE_NAME_PATTERN, type QueueStrategy } from '@switchboard/shared/contracts';
import { UnsafeCommandArgumentError } from '../pbx/callcenter-commands';

/** app_queue's queues, written by the API (asterisk/queues.conf includes it). */
export const QUEUES_FILE = 'switchboard-queues.conf';
/** The dialplan of queue numbers, written by the API (asterisk/extensions.conf includes it). */
export const QUEUE_NUMBERS_FILE = 'switchboard-queue-numbers.conf';
/** The one context of {@link QUEUE_NUMBERS_FILE}; [switchboard-agents] includes it before the extension pattern. */
export const QUEUE_NUMBERS_CONTEXT = 'switchboard-queue-numbers';

/** A queue as app_queue needs it, with its members (tiers whose agent has an enabled extension). */
export interface AsteriskQueueSnapshot {
  readonly name: string;
  readonly number: string | null;
  readonly displayName: string;
  /** mod_callcenter's strategy, as the REST API names it. */
  readonly strategy: QueueStrategy;
  /** Longest a caller waits before leaving the queue, in seconds; 0: no limit (as in mod_callcenter). */
  readonly maxWaitTime: number;
  /** mod_callcenter's music on hold (`local_stream://moh`...); see {@link musicClassOf}. */
  readonly mohSound: string;
  /** In tier order (level, then position): app_queue's `linear` strategy rings in the order of the member lines. */
  readonly members: readonly { readonly agentName: string; readonly extension: string; readonly level: number }[];
}

/**
 * app_queue's nearest strategy for each of mod_callcenter's. Not exact for two: least talk time has no app_queue
 * counterpart (fewest calls is nearest), and ring-progressively rings everyone at once (ringall).
 */
const STRATEGIES: Readonly<Record<QueueStrategy, string>> = {
  'ring-all': 'ringall',
  'longest-idle-agent': 'leastrecent',
  'round-robin': 'rrmemory',
  'top-down': 'linear',
  'agent-with-least-talk-time': 'fewestcalls',
  'agent-with-fewest-calls': 'fewestcalls',
  'sequentially-by-agent-order': 'linear',
  random: 'random',
  'ring-progressively': 'ringall',
};

/** Queue settings every Switchboard queue shares, as asterisk/queues.conf's own [support] has them. */
const COMMON_SETTINGS: readonly (readonly [string, string])[] = [
  ['timeout', '20'],
  ['retry', '2'],
  ['wrapuptime', '0'],
  ['ringinuse', 'no'],
  ['joinempty', 'yes'],
  ['leavewhenempty', 'no'],
];

const EXTENSION = /^[A-Za-z0-9_.-]{2,32}$/;
const MUSIC_CLASS = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * app_queue's music class for mod_callcenter's music on hold: `local_stream://NAME` is the class NAME (the operator
 * defines it in musiconhold.conf), FreeSWITCH's stock stream `moh` is Asterisk's `default`; a tone, silence or file
 * has no class, so it is the default too.
 */
export function musicClassOf(mohSound: string): string {
  const stream = /^local_stream:\/\/(.+)$/.exec(mohSound)?.[1];
  if (stream === undefined || stream === 'moh' || !MUSIC_CLASS.test(stream)) return 'default';
  return stream;
}
const QUEUE_NUMBER = /^[0-9]{2,15}$/;

function checked(kind: string, pattern: RegExp, value: string): string {
  if (!pattern.test(value))
    throw new UnsafeCommandArgumentError(`refusing ${kind} ${JSON.stringify(value.slice(0, 80))} in app_queue's files`);
  return value;
}

/**
 * A member rings through the agents' dialplan (Local/…/n), which dials every registered device of the extension
 * (PJSIP_DIAL_CONTACTS) and puts the queue's headers on each; its state is the endpoint's, so an agent without a
 * registered device is skipped. Penalty is the tier level (app_queue tries lower penalties first, as levels go).
 */
function memberLine(member: AsteriskQueueSnapshot['members'][number]): string {
  const extension = checked('extension', EXTENSION, member.extension);
  const name = checked('agent name', AGENT_NAME_PATTERN, member.agentName);
  return `Local/${extension}@switchboard-agents/n,${Math.max(0, member.level)},${name},PJSIP/${extension}`;
}

/** UpdateConfig's numbered fields for a list of edits. */
function updateConfig(file: string, reload: string, edits: readonly (readonly [string, string, string?, string?])[]) {
  const fields: (readonly [string, string])[] = [
    ['SrcFilename', file],
    ['DstFilename', file],
    ['Reload', reload],
  ];
  edits.forEach(([action, category, variable, value], index) => {
    const n = String(index).padStart(6, '0');
    fields.push([`Action-${n}`, action], [`Cat-${n}`, category]);
    if (variable !== undefined) fields.push([`Var-${n}`, variable], [`Value-${n}`, value ?? '']);
  });
  return { action: 'UpdateConfig', fields } satisfies AmiAction;
}

/**
 * The AMI actions that make app_queue hold exactly `queues`: rewrite {@link QUEUES_FILE} (drop the categories it has,
 * `existing`, and write one per queue with its members) and reload app_queue; rewrite the queue-number context and
 * reload the dialplan. Throws {@link UnsafeCommandArgumentError} when a stored value does not fit a config line.
 */
export function asteriskQueueActions(
  existing: readonly string[],
  queues: readonly AsteriskQueueSnapshot[],
): AmiAction[] {
  const queueEdits = [
    ...existing.map((category) => ['DelCat', category] as const),
    ...queues.flatMap((queue) => {
      const name = checked('queue name', QUEUE_NAME_PATTERN, queue.name);
      return [
        ['NewCat', name] as const,
        ['Append', name, 'strategy', STRATEGIES[queue.strategy]] as const,
        ['Append', name, 'musicclass', musicClassOf(queue.mohSound)] as const,
        ...COMMON_SETTINGS.map(([key, value]) => ['Append', name, key, value] as const),
        ...queue.members.map((member) => ['Append', name, 'member', memberLine(member)] as const),
      ];
    }),
  ];
  const numberEdits = [
    ['EmptyCat', QUEUE_NUMBERS_CONTEXT] as const,
    ...queues.flatMap((queue) => {
      if (queue.number === null) return [];
      const number = checked('queue number', QUEUE_NUMBER, queue.number);
      // The display name goes through base64: free text must not reach dialplan syntax (commas, ${...}).
      const display = Buffer.from(queue.displayName, 'utf8').toString('base64');
      // Queue()'s timeout: empty waits for ever, as mod_callcenter's max-wait-time 0 does.
      const maxWait = queue.maxWaitTime > 0 ? String(Math.floor(queue.maxWaitTime)) : '';
      return [
        [
          'Append',
          QUEUE_NUMBERS_CONTEXT,
          'exten',
          `${number},1,Gosub(switchboard-queue,s,1(${queue.name},${display},${maxWait}))`,
        ],
        ['Append', QUEUE_NUMBERS_CONTEXT, 'exten', `${number},n,Hangup()`],
      ] as const;
    }),
  ];
  return [
    updateConfig(QUEUES_FILE, 'app_queue', queueEdits),
    updateConfig(QUEUE_NUMBERS_FILE, 'pbx_config', numberEdits),
  ];
}

/** The categories of a file as AMI's GetConfig lists them (`Category-000000: name`). */
export function categoriesOf(getConfig: Readonly<Record<string, string>>): string[] {
  return Object.entries(getConfig)
    .filter(([key]) => /^Category-\d{6}$/.test(key))
    .map(([, value]) => value);
}
