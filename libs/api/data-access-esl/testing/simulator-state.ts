import { ChannelRecords } from './channel-records';
import type { HeaderList } from './wire';

type Row = Record<string, string>;

/** `callcenter_config agent list` columns, in FreeSWITCH 1.10/1.11 order (from the callcenter capture). */
export const AGENT_COLUMNS = [
  'name',
  'instance_id',
  'uuid',
  'type',
  'contact',
  'status',
  'state',
  'max_no_answer',
  'wrap_up_time',
  'reject_delay_time',
  'busy_delay_time',
  'no_answer_delay_time',
  'last_bridge_start',
  'last_bridge_end',
  'last_offered_call',
  'last_status_change',
  'no_answer_count',
  'calls_answered',
  'talk_time',
  'ready_time',
  'external_calls_count',
] as const;

/** `callcenter_config queue list members` columns. */
export const MEMBER_COLUMNS = [
  'queue',
  'instance_id',
  'uuid',
  'session_uuid',
  'cid_number',
  'cid_name',
  'system_epoch',
  'joined_epoch',
  'rejoined_epoch',
  'bridge_epoch',
  'abandoned_epoch',
  'base_score',
  'skill_score',
  'serving_agent',
  'serving_system',
  'state',
  'score',
] as const;

/** `show channels as json` columns. */
export const CHANNEL_COLUMNS = [
  'uuid',
  'direction',
  'created',
  'created_epoch',
  'name',
  'state',
  'cid_name',
  'cid_num',
  'ip_addr',
  'dest',
  'application',
  'application_data',
  'dialplan',
  'context',
  'read_codec',
  'read_rate',
  'read_bit_rate',
  'write_codec',
  'write_rate',
  'write_bit_rate',
  'secure',
  'hostname',
  'presence_id',
  'presence_data',
  'accountcode',
  'callstate',
  'callee_name',
  'callee_num',
  'callee_direction',
  'call_uuid',
  'sent_callee_name',
  'sent_callee_num',
  'initial_cid_name',
  'initial_cid_num',
  'initial_ip_addr',
  'initial_dest',
  'initial_dialplan',
  'initial_context',
] as const;

const nowEpoch = (): string => String(Math.floor(Date.now() / 1000));
const epochOf = (headers: Readonly<Row>): string =>
  String(Math.floor(Number(headers['Event-Date-Timestamp'] ?? '0') / 1_000_000));

function blank(columns: readonly string[]): Row {
  return Object.fromEntries(columns.map((column) => [column, '']));
}

/** A pipe table as mod_callcenter prints it, `+OK` last. */
export function pipeTable(columns: readonly string[], rows: Iterable<Readonly<Row>>): string {
  const lines = [columns.join('|')];
  for (const row of rows) lines.push(columns.map((column) => row[column] ?? '').join('|'));
  return `${lines.join('\n')}\n+OK\n`;
}

/**
 * What the simulated FreeSWITCH knows: live channels, mod_callcenter agents/tiers/members and SIP registrations.
 * Tables follow the events the simulator sends (so `show channels` agrees with the event stream) and the
 * `callcenter_config` commands it receives.
 */
export class SimulatorState {
  readonly channels = new Map<string, Row>();
  readonly agents = new Map<string, Row>();
  readonly tiers: Row[] = [];
  readonly members = new Map<string, Row>();
  /** Queues mod_callcenter has loaded (`queue load`, or seen in a member-queue-start). */
  readonly queues = new Set<string>();
  readonly registrations = new Map<string, Row>();
  /** Each live channel's data as its events carried it (for uuid_dump and CDRs). */
  readonly channelData = new ChannelRecords();
  readonly startedAt = Date.now();
  sessionsSinceStartup = 0;

  constructor(private readonly hostname: string) {}

  /** Adds (or returns) an agent row with mod_callcenter's defaults. */
  agent(name: string, type = 'callback'): Row {
    let row = this.agents.get(name);
    if (!row) {
      row = { ...blank(AGENT_COLUMNS), name, instance_id: 'single_box', type, status: 'Logged Out', state: 'Waiting' };
      for (const column of AGENT_COLUMNS.slice(7)) row[column] = '0';
      this.agents.set(name, row);
    }
    return row;
  }

  /** Updates the tables from an event the simulator is about to send (its headers in wire order). */
  observe(list: HeaderList): void {
    const headers: Readonly<Row> = Object.fromEntries(list);
    const name = headers['Event-Name'];
    const uuid = headers['Unique-ID'];
    if (uuid !== undefined && name !== undefined) this.channelData.update(uuid, name, list);
    if (name === 'CUSTOM') return this.observeCustom(headers);
    if (uuid === undefined || name === undefined) return;
    if (name === 'CHANNEL_CREATE') {
      this.sessionsSinceStartup++;
      const row: Row = {
        ...blank(CHANNEL_COLUMNS),
        uuid,
        direction: headers['Call-Direction'] ?? '',
        created: headers['Event-Date-Local'] ?? '',
        created_epoch: epochOf(headers),
        name: headers['Channel-Name'] ?? '',
        cid_name: headers['Caller-Caller-ID-Name'] ?? '',
        cid_num: headers['Caller-Caller-ID-Number'] ?? '',
        ip_addr: headers['Caller-Network-Addr'] ?? '',
        dest: headers['Caller-Destination-Number'] ?? '',
        dialplan: 'XML',
        context: headers['Caller-Context'] ?? '',
        read_codec: 'PCMU',
        read_rate: '8000',
        read_bit_rate: '64000',
        write_codec: 'PCMU',
        write_rate: '8000',
        write_bit_rate: '64000',
        hostname: this.hostname,
        initial_dialplan: 'XML',
      };
      for (const column of ['cid_name', 'cid_num', 'ip_addr', 'dest', 'context'])
        row[`initial_${column}`] = row[column] ?? '';
      this.channels.set(uuid, row);
    }
    const row = this.channels.get(uuid);
    if (!row) return;
    // FreeSWITCH lists a channel until its CHANNEL_DESTROY, which the simulator sends right after HANGUP_COMPLETE.
    if (name === 'CHANNEL_HANGUP_COMPLETE' || name === 'CHANNEL_DESTROY') {
      this.channels.delete(uuid);
      this.channelData.delete(uuid);
      return;
    }
    row['state'] = headers['Channel-State'] ?? row['state'] ?? '';
    row['callstate'] = headers['Channel-Call-State'] ?? row['callstate'] ?? '';
    if (headers['Caller-Callee-ID-Number']) {
      row['callee_name'] = headers['Caller-Callee-ID-Name'] ?? '';
      row['callee_num'] = headers['Caller-Callee-ID-Number'];
    }
    const other = headers['Other-Leg-Unique-ID'];
    if (name === 'CHANNEL_BRIDGE' && other) {
      row['call_uuid'] = uuid;
      const otherRow = this.channels.get(other);
      if (otherRow) otherRow['call_uuid'] = uuid;
    }
  }

  /**
   * A channel whose CHANNEL_HANGUP_COMPLETE is held (mod_json_cdr is posting its CDR) is in CS_REPORTING: still
   * listed and dumpable, with its final data.
   */
  enterReporting(list: HeaderList): void {
    const headers: Readonly<Row> = Object.fromEntries(list);
    const uuid = headers['Unique-ID'];
    if (uuid === undefined) return;
    this.channelData.update(uuid, 'CHANNEL_DATA', list);
    const row = this.channels.get(uuid);
    if (row)
      Object.assign(row, {
        state: headers['Channel-State'] ?? 'CS_REPORTING',
        callstate: headers['Channel-Call-State'] ?? 'HANGUP',
      });
  }

  private observeCustom(headers: Readonly<Row>): void {
    const subclass = headers['Event-Subclass'];
    if (subclass === 'sofia::register') {
      const user = headers['username'] ?? headers['from-user'] ?? '';
      const realm = headers['realm'] ?? headers['from-host'] ?? '';
      const contact = /<(sip:[^>;]+)/.exec(headers['contact'] ?? '')?.[1] ?? '';
      this.registrations.set(`${user}@${realm}`, {
        reg_user: user,
        realm,
        token: headers['call-id'] ?? '',
        url: `sofia/${headers['profile-name'] ?? 'internal'}/${contact}`,
        expires: String(Number(nowEpoch()) + Number(headers['expires'] ?? '0')),
        network_ip: headers['network-ip'] ?? '',
        network_port: headers['network-port'] ?? '',
        network_proto: /WSS/.test(headers['status'] ?? '') ? 'wss' : 'udp',
        hostname: this.hostname,
        metadata: '',
      });
      return;
    }
    if (subclass === 'sofia::unregister' || subclass === 'sofia::expire') {
      this.registrations.delete(
        `${headers['username'] ?? headers['from-user'] ?? ''}@${headers['realm'] ?? headers['from-host'] ?? ''}`,
      );
      return;
    }
    if (subclass === 'callcenter::info') this.observeCallcenter(headers);
  }

  private observeCallcenter(headers: Readonly<Row>): void {
    const agentName = headers['CC-Agent'];
    const agent = agentName ? this.agent(agentName) : undefined;
    const memberUuid = headers['CC-Member-UUID'];
    const member = memberUuid ? this.members.get(memberUuid) : undefined;
    const epoch = epochOf(headers);
    switch (headers['CC-Action']) {
      case 'agent-status-change':
        if (agent)
          Object.assign(agent, { status: headers['CC-Agent-Status'] ?? agent['status'], last_status_change: epoch });
        return;
      case 'agent-state-change':
        if (agent) agent['state'] = headers['CC-Agent-State'] ?? agent['state'] ?? '';
        return;
      case 'agent-offering':
        if (agent) agent['last_offered_call'] = epoch;
        if (member) member['state'] = 'Trying';
        return;
      case 'member-queue-start':
        if (headers['CC-Queue']) this.queues.add(headers['CC-Queue']);
        if (memberUuid) {
          this.members.set(memberUuid, {
            ...blank(MEMBER_COLUMNS),
            queue: headers['CC-Queue'] ?? '',
            instance_id: 'single_box',
            uuid: memberUuid,
            session_uuid: headers['CC-Member-Session-UUID'] ?? '',
            cid_number: headers['CC-Member-CID-Number'] ?? '',
            cid_name: headers['CC-Member-CID-Name'] ?? '',
            system_epoch: epoch,
            joined_epoch: epoch,
            rejoined_epoch: '0',
            bridge_epoch: '0',
            abandoned_epoch: '0',
            base_score: '0',
            skill_score: '0',
            state: 'Waiting',
            score: '0',
          });
        }
        return;
      case 'bridge-agent-start':
        if (agent)
          Object.assign(agent, {
            uuid: headers['CC-Agent-UUID'] ?? '',
            last_bridge_start: epoch,
            calls_answered: String(Number(agent['calls_answered']) + 1),
          });
        if (member)
          Object.assign(member, {
            state: 'Answered',
            bridge_epoch: epoch,
            serving_agent: agentName ?? '',
            serving_system: 'single_box',
          });
        return;
      case 'bridge-agent-end':
        if (agent) {
          const talk = Number(epoch) - Number(agent['last_bridge_start'] ?? epoch);
          Object.assign(agent, {
            uuid: '',
            last_bridge_end: epoch,
            talk_time: String(Number(agent['talk_time']) + Math.max(0, talk)),
          });
        }
        return;
      case 'member-queue-end':
        if (memberUuid) this.members.delete(memberUuid);
        return;
      default:
        return;
    }
  }
}
