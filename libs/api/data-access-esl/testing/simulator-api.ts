import { originate, uuidDump, uuidKill } from './channel-commands';
import { AGENT_COLUMNS, CHANNEL_COLUMNS, MEMBER_COLUMNS, pipeTable, type SimulatorState } from './simulator-state';
import type { HeaderList, SimEvent } from './wire';

/** What an API handler can reach: the simulator's tables and its event output. */
export interface ApiContext {
  readonly state: SimulatorState;
  /** Sends an event to every subscribed client (and updates the tables). */
  emit(event: SimEvent): void;
  /** Stamps an event with the next Event-Sequence without sending it (what uuid_dump prints). */
  stamp(event: SimEvent): HeaderList;
  /** Id of the connection that sent the command. */
  readonly connectionId: number;
}

/** Answers `api NAME ARGS`: returns the api/response body (`-ERR ...` for failures, like FreeSWITCH). */
export type ApiHandler = (args: string, context: ApiContext) => string | Promise<string>;

/** Splits arguments as `switch_separate_string` does: on spaces, keeping 'single quoted' groups together. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  for (const match of text.matchAll(/'([^']*)'|(\S+)/g)) args.push(match[1] ?? match[2] ?? '');
  return args;
}

function uptime(state: SimulatorState): string {
  let ms = Date.now() - state.startedAt;
  const part = (size: number): number => {
    const value = ms % size;
    ms = Math.floor(ms / size);
    return value;
  };
  const millis = part(1000);
  const seconds = part(60);
  const minutes = part(60);
  const hours = part(24);
  return `UP 0 years, ${ms} days, ${hours} hours, ${minutes} minutes, ${seconds} seconds, ${millis} milliseconds, 0 microseconds`;
}

const status: ApiHandler = (_args, { state }) =>
  [
    uptime(state),
    'FreeSWITCH (Version 1.11.2 switchboard-simulator 64bit) is ready',
    `${state.sessionsSinceStartup} session(s) since startup`,
    `${state.channels.size} session(s) - peak ${state.channels.size}, last 5min ${state.channels.size}`,
    '0 session(s) per Sec out of max 30, peak 0, last 5min 0',
    '1000 session(s) max',
    'min idle cpu 0.00/99.60',
    'Current Stack Size/Max 240K/8192K',
    '',
  ].join('\n');

function jsonTable(columns: readonly string[], rows: Iterable<Record<string, string>>): string {
  const list = [...rows].map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? ''])));
  // FreeSWITCH omits "rows" when there are none.
  return JSON.stringify(list.length === 0 ? { row_count: 0 } : { row_count: list.length, rows: list });
}

const REGISTRATION_COLUMNS = [
  'reg_user',
  'realm',
  'token',
  'url',
  'expires',
  'network_ip',
  'network_port',
  'network_proto',
  'hostname',
  'metadata',
];

const show: ApiHandler = (args, { state }) => {
  const normalized = args.trim().replace(/\s+/g, ' ');
  if (normalized === 'channels as json') return jsonTable(CHANNEL_COLUMNS, state.channels.values());
  if (normalized === 'registrations as json') return jsonTable(REGISTRATION_COLUMNS, state.registrations.values());
  return `-USAGE: show [channels|registrations] as json (simulator)\n`;
};

/** `callcenter_config queue list` columns (mod_callcenter 1.10/1.11). */
const QUEUE_COLUMNS = [
  'name',
  'strategy',
  'moh_sound',
  'time_base_score',
  'tier_rules_apply',
  'tier_rule_wait_second',
  'tier_rule_no_agent_no_wait',
  'discard_abandoned_after',
  'abandoned_resume_allowed',
  'tier_rule_wait_multiply_level',
  'record_template',
  'calls_answered',
  'calls_abandoned',
] as const;

function queueRow(name: string): Record<string, string> {
  return {
    name,
    strategy: 'longest-idle-agent',
    moh_sound: 'local_stream://moh',
    time_base_score: 'system',
    tier_rules_apply: 'false',
    tier_rule_wait_second: '300',
    tier_rule_no_agent_no_wait: 'false',
    discard_abandoned_after: '60',
    abandoned_resume_allowed: 'false',
    tier_rule_wait_multiply_level: 'true',
    record_template: '',
    calls_answered: '0',
    calls_abandoned: '0',
  };
}

function callcenterEvent(context: ApiContext, headers: ReadonlyArray<readonly [string, string]>): void {
  context.emit({ name: 'CUSTOM', subclass: 'callcenter::info', headers });
}

const callcenterConfig: ApiHandler = (args, context) => {
  const { state } = context;
  const [section, action, ...rest] = splitArgs(args);
  const key = `${section ?? ''} ${action ?? ''}`;
  if (key === 'agent list') return pipeTable(AGENT_COLUMNS, state.agents.values());
  if (key === 'queue list' && rest[0] === 'members') {
    return pipeTable(
      MEMBER_COLUMNS,
      [...state.members.values()].filter((member) => member['queue'] === rest[1]),
    );
  }
  if (key === 'queue list')
    return pipeTable(
      QUEUE_COLUMNS,
      [...state.queues].map((name) => queueRow(name)),
    );
  if (key === 'queue load' || key === 'queue reload' || key === 'queue unload') {
    const [queue] = rest;
    if (!queue) return '-ERR Invalid usage!\n';
    if (action === 'unload') state.queues.delete(queue);
    else state.queues.add(queue);
    return '+OK\n';
  }
  if (key === 'tier set') {
    const [field, queue, agent, value] = rest;
    const tier = state.tiers.find((t) => t['queue'] === queue && t['agent'] === agent);
    if (!tier || (field !== 'level' && field !== 'position') || value === undefined) return '-ERR Invalid Tier!\n';
    tier[field] = value;
    return '+OK\n';
  }
  if (key === 'tier list') return pipeTable(['queue', 'agent', 'state', 'level', 'position'], state.tiers);
  if (key === 'agent add') {
    const [name, type = 'callback'] = rest;
    if (!name) return '-ERR Invalid usage!\n';
    if (state.agents.has(name)) return '-ERR Agent already exists!\n';
    state.agent(name, type);
    callcenterEvent(context, [
      ['CC-Agent', name],
      ['CC-Agent-Type', type],
      ['CC-Action', 'agent-add'],
    ]);
    return '+OK\n';
  }
  if (key === 'agent del') {
    return rest[0] !== undefined && state.agents.delete(rest[0]) ? '+OK\n' : '-ERR Invalid Agent!\n';
  }
  if (key === 'agent set') {
    const [field, name, value] = rest;
    const agent = name === undefined ? undefined : state.agents.get(name);
    if (!agent || field === undefined || value === undefined) return '-ERR Invalid Agent!\n';
    if (field === 'status') {
      if (!['Logged Out', 'Available', 'Available (On Demand)', 'On Break'].includes(value))
        return '-ERR Invalid Status!\n';
      callcenterEvent(context, [
        ['CC-Agent', agent['name'] ?? ''],
        ['CC-Action', 'agent-status-change'],
        ['CC-Agent-Status', value],
      ]);
    } else if (field === 'state') {
      callcenterEvent(context, [
        ['CC-Agent', agent['name'] ?? ''],
        ['CC-Action', 'agent-state-change'],
        ['CC-Agent-State', value],
      ]);
    } else if (field === 'contact') {
      agent['contact'] = value;
      callcenterEvent(context, [
        ['CC-Agent', agent['name'] ?? ''],
        ['CC-Action', 'agent-contact-change'],
        ['CC-Agent-Contact', value],
      ]);
    } else if (Object.hasOwn(agent, field.replace(/-/g, '_'))) {
      agent[field.replace(/-/g, '_')] = value;
    } else {
      return '-ERR Invalid Agent Field!\n';
    }
    return '+OK\n';
  }
  if (key === 'tier add') {
    const [queue, agent, level = '1', position = '1'] = rest;
    if (!queue || !agent) return '-ERR Invalid usage!\n';
    if (state.tiers.some((t) => t['queue'] === queue && t['agent'] === agent)) return '-ERR Tier already exist!\n';
    state.tiers.push({ queue, agent, state: 'Ready', level, position });
    return '+OK\n';
  }
  if (key === 'tier del') {
    const index = state.tiers.findIndex((tier) => tier['queue'] === rest[0] && tier['agent'] === rest[1]);
    if (index < 0) return '-ERR Invalid Tier!\n';
    state.tiers.splice(index, 1);
    return '+OK\n';
  }
  return '-ERR Unknown Command!\n';
};

const msleep: ApiHandler = async (args) => {
  await new Promise((resolve) => setTimeout(resolve, Math.min(Number(args) || 0, 60_000)));
  return '+OK\n';
};

/** The API commands the simulator answers out of the box; `EslSimulator.onApi` adds or replaces one. */
export function builtInApiHandlers(): Map<string, ApiHandler> {
  return new Map<string, ApiHandler>([
    ['status', status],
    ['show', show],
    ['callcenter_config', callcenterConfig],
    ['uuid_kill', uuidKill],
    ['uuid_dump', uuidDump],
    ['originate', originate],
    ['echo', (args) => args],
    ['msleep', msleep],
  ]);
}
