import { EslCommandError, EslProtocolError } from '../errors';
import { parseCallcenterAgentList, parseCallcenterQueueMembers } from './callcenter';
import { parsePipeTable } from './pipe-table';
import { parseShowChannelsJson, parseShowRegistrationsJson } from './show-json';

describe('API result parsers', () => {
  it('reads `show channels as json`, including FreeSWITCH leaving out rows when there are none', () => {
    expect(parseShowChannelsJson('{"row_count":0}')).toEqual([]);
    const [channel] = parseShowChannelsJson(
      JSON.stringify({
        row_count: 1,
        rows: [
          {
            uuid: 'u1',
            direction: 'inbound',
            created_epoch: '1795324809',
            cid_num: '1000',
            dest: '9200',
            callstate: 'ACTIVE',
            call_uuid: '',
          },
        ],
      }),
    );
    expect(channel).toMatchObject({
      uuid: 'u1',
      direction: 'inbound',
      createdEpoch: 1795324809,
      callerIdNumber: '1000',
      destination: '9200',
      callState: 'ACTIVE',
      callUuid: undefined,
    });
  });

  it('reads `show registrations as json`', () => {
    const body = JSON.stringify({
      row_count: 1,
      rows: [
        {
          reg_user: '1000',
          realm: 'switchboard.local',
          token: 't',
          url: 'sofia/internal/sip:1000@203.0.113.10:52000',
          expires: '1795325400',
          network_ip: '203.0.113.10',
          network_port: '52000',
          network_proto: 'wss',
          hostname: 'fs',
          metadata: '',
        },
      ],
    });
    expect(parseShowRegistrationsJson(body)).toEqual([
      expect.objectContaining({
        user: '1000',
        realm: 'switchboard.local',
        expires: 1795325400,
        networkPort: 52000,
        networkProto: 'wss',
      }),
    ]);
  });

  it('turns -ERR output into EslCommandError and broken output into EslProtocolError', () => {
    expect(() => parseCallcenterAgentList('-ERR Invalid Agent!\n')).toThrow(EslCommandError);
    expect(() => parseShowChannelsJson('-USAGE: show ...\n')).toThrow(EslCommandError);
    expect(() => parseShowChannelsJson('{"row_count":2,"rows":[{}]}')).toThrow(/row_count 2 but 1 rows/);
    expect(() => parseShowChannelsJson('{"row_co')).toThrow(EslProtocolError);
    expect(() => parsePipeTable('a|b\n1|2\n', 'x')).toThrow(/does not end with \+OK/);
    expect(() => parsePipeTable('a|b\n1|2|3\n+OK\n', 'x')).toThrow(/row 1 has 3 cells; the header has 2/);
    expect(() => parseCallcenterAgentList('name|status\na|Available\n+OK\n')).toThrow(/no "instance_id" column/);
  });

  it('reads the members of an empty queue: mod_callcenter 1.11 then writes no header, only +OK', () => {
    expect(parseCallcenterQueueMembers('+OK\n')).toEqual([]);
  });

  it('reads an empty agent list', () => {
    expect(
      parseCallcenterAgentList(
        'name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|reject_delay_time|busy_delay_time|no_answer_delay_time|last_bridge_start|last_bridge_end|last_offered_call|last_status_change|no_answer_count|calls_answered|talk_time|ready_time|external_calls_count\n+OK\n',
      ),
    ).toEqual([]);
  });
});
