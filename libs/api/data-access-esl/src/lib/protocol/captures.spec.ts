import { readFileSync } from 'node:fs';
import { CAPTURES, readCapture } from '../../../testing';
import { parseCallcenterAgentList, parseCallcenterQueueMembers } from '../results/callcenter';
import { parsePipeTable } from '../results/pipe-table';
import type { EslEvent } from './esl-event';
import { EslParser } from './esl-parser';

/** Counts frame types the way `grep -c '^Content-Type: X$'` does: independent of the parser under test. */
function grepContentTypes(path: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of readFileSync(path, 'latin1').matchAll(/^Content-Type: (\S+)$/gm)) counts[match[1] ?? ''] = (counts[match[1] ?? ''] ?? 0) + 1;
  return counts;
}

function countTypes(path: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { message } of readCapture(path)) counts[message.type] = (counts[message.type] ?? 0) + 1;
  return counts;
}

const events = (path: string): EslEvent[] => readCapture(path).flatMap(({ message }) => (message.type === 'event' ? [message.event] : []));
const apiBodies = (path: string): string[] => readCapture(path).flatMap(({ message }) => (message.type === 'api-response' ? [message.body] : []));

describe('real FreeSWITCH 1.11 captures', () => {
  it('callcenter.esl parses completely: 119 frames, counted by type as grep counts them', () => {
    expect(grepContentTypes(CAPTURES.callcenter)).toEqual({ 'auth/request': 1, 'command/reply': 3, 'api/response': 15, 'text/event-plain': 99, 'text/disconnect-notice': 1 });
    expect(countTypes(CAPTURES.callcenter)).toEqual({ 'auth-request': 1, 'command-reply': 3, 'api-response': 15, event: 99, 'disconnect-notice': 1 });
  });

  it('sipp-call.esl parses completely: 46 frames', () => {
    expect(grepContentTypes(CAPTURES.sippCall)).toEqual({ 'auth/request': 1, 'command/reply': 3, 'text/event-plain': 41, 'text/disconnect-notice': 1 });
    expect(countTypes(CAPTURES.sippCall)).toEqual({ 'auth-request': 1, 'command-reply': 3, event: 41, 'disconnect-notice': 1 });
  });

  it('parses the same whatever the chunking (4 KiB socket reads, 1-byte reads)', () => {
    const bytes = readFileSync(CAPTURES.callcenter);
    for (const size of [1, 7, 4096]) {
      const parser = new EslParser();
      let frames = 0;
      for (let i = 0; i < bytes.length; i += size) frames += parser.push(bytes.subarray(i, i + size)).filter((r) => r.ok).length;
      expect(frames).toBe(119);
    }
  });

  it('decodes URL-encoded values: subclasses, spaces, IPv6, quoted SIP contacts', () => {
    const callcenter = events(CAPTURES.callcenter);
    expect(callcenter.filter((e) => e.subclass === 'callcenter::info')).toHaveLength(14);
    expect(callcenter[0]?.header('FreeSWITCH-IPv6')).toBe('fd00::2');
    expect(callcenter[0]?.header('Event-Date-GMT')).toBe('Sun, 22 Nov 2026 05:20:07 GMT');
    expect(callcenter.filter((e) => e.name === 'API').map((e) => e.header('API-Command-Argument'))).toContain('agent add agent1000@default callback');
    expect(callcenter.find((e) => e.header('API-Command-Argument')?.startsWith('agent set contact'))?.header('API-Command-Argument')).toBe(
      'agent set contact agent1000@default [call_timeout=10]sofia/external/agent@192.0.2.2:5090',
    );
    const register = events(CAPTURES.sippCall).find((e) => e.subclass === 'sofia::register_attempt');
    expect(register?.header('contact')).toBe('"" <sip:1000@192.0.2.2:5072>');
    expect(register?.header('status')).toBe('Registered(UDP)');
  });

  it('gives every event its identity: Core-UUID, sequence, µs timestamp, channel', () => {
    const all = events(CAPTURES.callcenter);
    expect(new Set(all.map((e) => e.coreUuid))).toEqual(new Set(['75527a14-18f8-45ad-82f9-9ca7b878bf9c']));
    expect(all.map((e) => e.sequence).sort((a, b) => (a < b ? -1 : 1))[0]).toBe(951n);
    expect(all.find((e) => e.name === 'CHANNEL_CREATE')?.channelUuid).toBe('b1027c8e-6525-4cc7-b6d3-86441ad2657b');
    expect(all.find((e) => e.name === 'HEARTBEAT')?.timestampUs).toBeGreaterThan(1_795_324_800_000_000n);
  });

  it('yields the call a person would read from callcenter.esl', () => {
    const all = events(CAPTURES.callcenter);
    const caller = all.find((e) => e.name === 'CHANNEL_CREATE' && e.header('Call-Direction') === 'inbound');
    const start = all.find((e) => e.header('CC-Action') === 'member-queue-start');
    const bridge = all.find((e) => e.header('CC-Action') === 'bridge-agent-start');
    const end = all.find((e) => e.header('CC-Action') === 'member-queue-end');
    const hangup = all.find((e) => e.name === 'CHANNEL_HANGUP_COMPLETE' && e.channelUuid === caller?.channelUuid);
    expect({
      from: caller?.header('Caller-Caller-ID-Number'),
      dialled: caller?.header('Caller-Destination-Number'),
      queue: start?.header('CC-Queue'),
      agent: bridge?.header('CC-Agent'),
      cause: end?.header('CC-Cause'),
      hangupCause: hangup?.header('Hangup-Cause'),
      billsec: hangup?.header('variable_billsec'),
    }).toEqual({ from: 'sipp', dialled: '9200', queue: 'support@default', agent: 'agent1000@default', cause: 'Terminated', hangupCause: 'NORMAL_CLEARING', billsec: '15' });
    const talkUs = (hangup?.timestampUs ?? 0n) - (bridge?.timestampUs ?? 0n);
    expect(Math.round(Number(talkUs) / 1e6)).toBe(15);
  });

  it('parses the callcenter tables in the api/responses', () => {
    const bodies = apiBodies(CAPTURES.callcenter);
    const agentLists = bodies.filter((body) => body.startsWith('name|instance_id|')).map(parseCallcenterAgentList);
    expect(agentLists).toHaveLength(3);
    expect(agentLists.map((rows) => rows.map((a) => `${a.name} ${a.status} ${a.state}`))).toEqual([
      ['agent1000@default Available Waiting'],
      ['agent1000@default Available In a queue call'],
      ['agent1000@default Available Waiting'],
    ]);
    expect(agentLists[1]?.[0]).toMatchObject({ uuid: '1fbf389a-bbb7-41e6-8e7a-9ade9591cb0f', contact: '[call_timeout=10]sofia/external/agent@192.0.2.2:5090', callsAnswered: 1 });
    expect(agentLists[2]?.[0]).toMatchObject({ uuid: undefined, talkTime: 15, lastBridgeEnd: 1795324824 });
    const members = parseCallcenterQueueMembers(bodies.find((body) => body.startsWith('queue|instance_id|')) ?? '');
    expect(members.map((m) => [m.state, m.servingAgent, m.abandonedEpoch])).toEqual([
      ['Abandoned', undefined, 1795324769],
      ['Answered', 'agent1000@default', 0],
    ]);
    const queues = parsePipeTable(bodies[0] ?? '', 'callcenter_config queue list');
    expect(queues.rows[0]?.['moh_sound']).toBe('tone_stream://%(2000,4000,440,480);loops=-1');
  });
});
