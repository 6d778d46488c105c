import { EslUnsafeArgumentError } from './errors';

/**
 * A command line built by {@link eslCommand}: every argument matched a conservative pattern, so the line cannot
 * end early (CR/LF), add arguments (spaces, quotes) or expand variables (`${...}`). Only this module creates them.
 */
export class EslApiCommand {
  readonly #checked = true;
  private constructor(readonly text: string) {}

  /** @internal Used by {@link eslCommand} once the parts have been checked. */
  static fromCheckedParts(parts: readonly string[]): EslApiCommand {
    return new EslApiCommand(parts.join(' '));
  }

  /** Whether this instance came from {@link eslCommand} (true for every instance; keeps the class nominal). */
  get checked(): boolean {
    return this.#checked;
  }

  toString(): string {
    return this.text;
  }
}

/** What `api()`/`bgapi()` accept: a checked command, or a literal string that must still be a single line. */
export type EslCommandInput = EslApiCommand | string;

/** Per-argument patterns; anything else is refused before a byte is written. */
const PATTERNS = {
  /** Generic argument: letters, digits and `_ . @ : + = - /`. No spaces, quotes, `$`, `%`, braces or line breaks. */
  token: /^[A-Za-z0-9_.@:+=/-]{1,256}$/,
  /** mod_callcenter agent or queue name, e.g. `agent1000@default`, `support@default`. */
  name: /^[A-Za-z0-9_.@+-]{1,128}$/,
  uuid: /^[A-Za-z0-9-]{1,64}$/,
  /** Dial string: `user/1002`, `[call_timeout=10]sofia/external/agent@192.0.2.2:5090`, `{a=1,b=2}user/1000`. */
  dialString: /^[A-Za-z0-9_.@:+=/,[\]{}-]{1,512}$/,
  hangupCause: /^[A-Z][A-Z0-9_]{0,63}$/,
  count: /^\d{1,6}$/,
  commandName: /^[a-z][a-z0-9_]{0,63}$/,
} as const;

type ArgumentKind = keyof typeof PATTERNS;

function checked(kind: ArgumentKind, value: string, what: string): string {
  if (typeof value !== 'string' || !PATTERNS[kind].test(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value) : typeof value;
    throw new EslUnsafeArgumentError(`refusing ${what} ${shown}: only ${PATTERNS[kind].source} is allowed`);
  }
  return value;
}

/** Throws {@link EslUnsafeArgumentError} when a literal command string holds CR, LF or NUL (command injection). */
export function assertSingleLine(command: string): string {
  if (/[\r\n\0]/.test(command) || command.trim() === '') {
    throw new EslUnsafeArgumentError(`refusing command ${JSON.stringify(command.slice(0, 60))}: it must be one non-empty line`);
  }
  return command;
}

/** The text to send for a command input, checked. */
export function commandText(command: EslCommandInput): string {
  return command instanceof EslApiCommand ? command.text : assertSingleLine(command);
}

/** mod_callcenter agent statuses (`callcenter_config agent set status`). */
export type CallcenterAgentStatus = 'Logged Out' | 'Available' | 'Available (On Demand)' | 'On Break';
/** mod_callcenter agent states (`callcenter_config agent set state`). */
export type CallcenterAgentState = 'Idle' | 'Waiting' | 'Receiving' | 'In a queue call';

const STATUSES: readonly CallcenterAgentStatus[] = ['Logged Out', 'Available', 'Available (On Demand)', 'On Break'];
const STATES: readonly CallcenterAgentState[] = ['Idle', 'Waiting', 'Receiving', 'In a queue call'];

function quotedChoice<T extends string>(choices: readonly T[], value: T, what: string): string {
  if (!choices.includes(value)) throw new EslUnsafeArgumentError(`refusing ${what} ${JSON.stringify(value)}: expected one of ${choices.join(', ')}`);
  // switch_separate_string honours single quotes, so a multi-word status stays one argument.
  return value.includes(' ') ? `'${value}'` : value;
}

const build = (...parts: string[]): EslApiCommand => EslApiCommand.fromCheckedParts(parts);

/** Builders for the API commands Switchboard sends; each refuses arguments outside a conservative pattern. */
export const eslCommand = {
  /** Any API command with plain-token arguments, e.g. `api('uuid_getvar', uuid, 'cc_queue')`. */
  api: (name: string, ...args: string[]): EslApiCommand =>
    build(checked('commandName', name, 'command name'), ...args.map((arg, i) => checked('token', arg, `argument ${i + 1}`))),
  status: (): EslApiCommand => build('status'),
  showChannelsJson: (): EslApiCommand => build('show', 'channels', 'as', 'json'),
  showRegistrationsJson: (): EslApiCommand => build('show', 'registrations', 'as', 'json'),
  callcenterAgentList: (): EslApiCommand => build('callcenter_config', 'agent', 'list'),
  callcenterQueueMembers: (queue: string): EslApiCommand =>
    build('callcenter_config', 'queue', 'list', 'members', checked('name', queue, 'queue')),
  callcenterAgentAdd: (agent: string, type: 'callback' | 'uuid-standby' = 'callback'): EslApiCommand =>
    build('callcenter_config', 'agent', 'add', checked('name', agent, 'agent'), type === 'uuid-standby' ? type : 'callback'),
  callcenterAgentDel: (agent: string): EslApiCommand => build('callcenter_config', 'agent', 'del', checked('name', agent, 'agent')),
  callcenterAgentSetContact: (agent: string, dialString: string): EslApiCommand =>
    build('callcenter_config', 'agent', 'set', 'contact', checked('name', agent, 'agent'), checked('dialString', dialString, 'contact')),
  callcenterAgentSetStatus: (agent: string, status: CallcenterAgentStatus): EslApiCommand =>
    build('callcenter_config', 'agent', 'set', 'status', checked('name', agent, 'agent'), quotedChoice(STATUSES, status, 'status')),
  callcenterAgentSetState: (agent: string, state: CallcenterAgentState): EslApiCommand =>
    build('callcenter_config', 'agent', 'set', 'state', checked('name', agent, 'agent'), quotedChoice(STATES, state, 'state')),
  callcenterTierAdd: (queue: string, agent: string, level = 1, position = 1): EslApiCommand =>
    build(
      'callcenter_config',
      'tier',
      'add',
      checked('name', queue, 'queue'),
      checked('name', agent, 'agent'),
      checked('count', String(level), 'level'),
      checked('count', String(position), 'position'),
    ),
  callcenterTierDel: (queue: string, agent: string): EslApiCommand =>
    build('callcenter_config', 'tier', 'del', checked('name', queue, 'queue'), checked('name', agent, 'agent')),
  uuidKill: (uuid: string, cause?: string): EslApiCommand =>
    cause === undefined
      ? build('uuid_kill', checked('uuid', uuid, 'channel UUID'))
      : build('uuid_kill', checked('uuid', uuid, 'channel UUID'), checked('hangupCause', cause, 'hangup cause')),
  /** `originate <dial string> <extension> XML <context>`: calls the dial string, then sends it to the extension. */
  originate: (dialString: string, extension: string, context = 'default'): EslApiCommand =>
    build('originate', checked('dialString', dialString, 'dial string'), checked('name', extension, 'extension'), 'XML', checked('name', context, 'context')),
  /**
   * `originate <dial string> &eavesdrop(<uuid>)`: calls the dial string and, on answer, eavesdrops on the channel.
   * The eavesdrop mode comes from `eavesdrop_*` variables in the dial string's `{...}`.
   */
  originateEavesdrop: (dialString: string, targetUuid: string): EslApiCommand =>
    build('originate', checked('dialString', dialString, 'dial string'), `&eavesdrop(${checked('uuid', targetUuid, 'channel UUID')})`),
} as const;
