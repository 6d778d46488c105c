import { DEMO_CALL_MAX_SECONDS, DemoCaller, type DemoCallerSwitch, demoCallCommand } from './demo-caller';

const AGENT_LIST_HEADER =
  'name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|reject_delay_time|busy_delay_time|' +
  'no_answer_delay_time|last_bridge_start|last_bridge_end|last_offered_call|last_status_change|no_answer_count|' +
  'calls_answered|talk_time|ready_time|external_calls_count';
/** `callcenter_config agent list` as mod_callcenter 1.10/1.11 answers it, one row per agent with its status. */
const agentList = (statuses: Record<string, string>) =>
  [
    AGENT_LIST_HEADER,
    ...Object.entries(statuses).map(
      ([name, status]) =>
        `${name}|single_box||callback|[leg_timeout=30]user/3013@sb.test|${status}|Waiting|3|10|10|60|10|0|0|0|0|0|0|0|0|0`,
    ),
    '+OK',
    '',
  ].join('\n');

/** FreeSWITCH's replies: whether the last caller's channel still exists, the live agents, what the originate answers. */
function fakeSwitch(replies: {
  connected?: boolean;
  lastCallUp?: boolean;
  originate?: string;
  agents?: Record<string, string>;
}) {
  const commands: string[] = [];
  const freeswitch: DemoCallerSwitch = {
    isConnected: () => replies.connected ?? true,
    api: (command) => {
      commands.push(command);
      if (command === 'callcenter_config agent list')
        return Promise.resolve(agentList(replies.agents ?? { '3013@sb.test': 'Available' }));
      return Promise.resolve(command.startsWith('uuid_exists ') ? `${String(replies.lastCallUp ?? false)}\n` : '');
    },
    bgapi: (command) => {
      commands.push(`bgapi ${command}`);
      return Promise.resolve(replies.originate ?? '+OK 6f1c\n');
    },
  };
  return { freeswitch, commands };
}

const uuidOf = (command: string | undefined): string =>
  /origination_uuid=([0-9a-f-]{36})/.exec(command ?? '')?.[1] ?? '';

describe('DemoCaller', () => {
  it('rings the live queue, then waits while that caller is on the line and rings again once it is gone', async () => {
    const fake = fakeSwitch({});
    const caller = new DemoCaller(fake.freeswitch, 'fs1', 'sb.test');
    expect(await caller.callIfQuiet()).toBe('placed');
    const first = uuidOf(fake.commands[1]);
    expect(fake.commands).toEqual(['callcenter_config agent list', `bgapi ${demoCallCommand('sb.test', first)}`]);

    const up = fakeSwitch({ lastCallUp: true });
    Object.assign(fake.freeswitch, { api: up.freeswitch.api, bgapi: up.freeswitch.bgapi });
    expect(await caller.callIfQuiet()).toBe('busy');
    expect(up.commands).toEqual([`uuid_exists ${first}`]);

    const gone = fakeSwitch({ lastCallUp: false });
    Object.assign(fake.freeswitch, { api: gone.freeswitch.api, bgapi: gone.freeswitch.bgapi });
    expect(await caller.callIfQuiet()).toBe('placed');
    expect(gone.commands[0]).toBe(`uuid_exists ${first}`);
    expect(uuidOf(gone.commands[2])).not.toBe(first);
  });

  it('looks often until FreeSWITCH is up and the first caller is placed, then at the gentle pace', async () => {
    jest.useFakeTimers();
    try {
      let connected = false;
      const fake = fakeSwitch({ lastCallUp: true });
      fake.freeswitch.isConnected = () => connected;
      const caller = new DemoCaller(fake.freeswitch, 'fs1', 'sb.test');
      caller.start(5_000, 500);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(fake.commands).toEqual([]);
      connected = true;
      await jest.advanceTimersByTimeAsync(500);
      expect(fake.commands.filter((c) => c.startsWith('bgapi'))).toHaveLength(1);
      // The caller is on the line: from now on one look (uuid_exists) per 5 s, not per 500 ms.
      await jest.advanceTimersByTimeAsync(10_000);
      expect(fake.commands.filter((c) => c.startsWith('uuid_exists'))).toHaveLength(2);
      caller.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('places nothing while FreeSWITCH is down, and reports a refused originate', async () => {
    const down = fakeSwitch({ connected: false });
    expect(await new DemoCaller(down.freeswitch, 'fs1', 'sb.test').callIfQuiet()).toBe('disconnected');
    expect(down.commands).toEqual([]);
    const failures: string[] = [];
    const refused = fakeSwitch({ originate: '-ERR NO_ROUTE_DESTINATION\n' });
    const caller = new DemoCaller(refused.freeswitch, 'fs1', 'sb.test', (reason) => failures.push(reason));
    expect(await caller.callIfQuiet()).toBe('failed');
    expect(failures).toEqual(['FreeSWITCH answered "-ERR NO_ROUTE_DESTINATION" to the demo call']);
  });

  it('dials the live queue number through the dial plan as a named demo caller that hangs up on its own', () => {
    const command = demoCallCommand('sb.test', '0b6a3c2e-1d4f-4a5b-8c9d-0e1f2a3b4c5d');
    expect(command).toMatch(/^originate \{.*\}loopback\/3104\/default &playback\(local_stream:\/\/moh\)$/);
    expect(command).toContain('origination_uuid=0b6a3c2e-1d4f-4a5b-8c9d-0e1f2a3b4c5d');
    expect(command).toContain("origination_caller_id_name='Demo caller'");
    expect(command).toContain('domain_name=sb.test');
    expect(command).toContain(`sched_hangup +${DEMO_CALL_MAX_SECONDS}`);
  });

  it('places a caller only while a live agent is Available, so nobody waits in an unstaffed queue', async () => {
    const cases: Record<string, string>[] = [
      {},
      { '3013@sb.test': 'Logged Out', '3014@sb.test': 'On Break' },
      // A simulated agent Available is not a live one.
      { '3001@sb.test': 'Available' },
    ];
    for (const agents of cases) {
      const fake = fakeSwitch({ agents });
      expect(await new DemoCaller(fake.freeswitch, 'fs1', 'sb.test').callIfQuiet()).toBe('no-agent');
      expect(fake.commands).toEqual(['callcenter_config agent list']);
    }
    const onDemand = fakeSwitch({ agents: { '3014@sb.test': 'Available (On Demand)' } });
    expect(await new DemoCaller(onDemand.freeswitch, 'fs1', 'sb.test').callIfQuiet()).toBe('placed');
  });
});
