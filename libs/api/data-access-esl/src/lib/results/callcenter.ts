import type { EslApiClient } from '../client/connection-options';
import { eslCommand } from '../esl-command';
import { integer, parsePipeTable, text } from './pipe-table';

/** One row of `callcenter_config agent list`. Epoch columns are seconds since the Unix epoch (0 = never). */
export interface CallcenterAgent {
  readonly name: string;
  readonly instanceId: string;
  /** Channel UUID of the agent's current call, when on one. */
  readonly uuid: string | undefined;
  readonly type: string;
  readonly contact: string;
  /** `Logged Out`, `Available`, `Available (On Demand)`, `On Break`. */
  readonly status: string;
  /** `Idle`, `Waiting`, `Receiving`, `In a queue call`. */
  readonly state: string;
  readonly maxNoAnswer: number;
  readonly wrapUpTime: number;
  readonly rejectDelayTime: number;
  readonly busyDelayTime: number;
  readonly noAnswerDelayTime: number;
  readonly lastBridgeStart: number;
  readonly lastBridgeEnd: number;
  readonly lastOfferedCall: number;
  readonly lastStatusChange: number;
  readonly noAnswerCount: number;
  readonly callsAnswered: number;
  /** Seconds. */
  readonly talkTime: number;
  readonly readyTime: number;
  readonly externalCallsCount: number;
}

/** One row of `callcenter_config queue list members QUEUE`. */
export interface CallcenterQueueMember {
  readonly queue: string;
  readonly instanceId: string;
  /** CC-Member-UUID. */
  readonly uuid: string;
  /** The caller's channel UUID (empty once the member left). */
  readonly sessionUuid: string | undefined;
  readonly cidNumber: string;
  readonly cidName: string;
  readonly systemEpoch: number;
  readonly joinedEpoch: number;
  readonly rejoinedEpoch: number;
  readonly bridgeEpoch: number;
  readonly abandonedEpoch: number;
  readonly baseScore: number;
  readonly skillScore: number;
  readonly servingAgent: string | undefined;
  readonly servingSystem: string | undefined;
  /** `Waiting`, `Trying`, `Answered`, `Abandoned`. */
  readonly state: string;
  readonly score: number;
}

/** Parses the output of `callcenter_config agent list`. */
export function parseCallcenterAgentList(body: string): CallcenterAgent[] {
  const command = 'callcenter_config agent list';
  return parsePipeTable(body, command).rows.map((row) => {
    const t = (column: string): string => text(row, column, command);
    const n = (column: string): number => integer(row, column, command);
    return {
      name: t('name'),
      instanceId: t('instance_id'),
      uuid: t('uuid') || undefined,
      type: t('type'),
      contact: t('contact'),
      status: t('status'),
      state: t('state'),
      maxNoAnswer: n('max_no_answer'),
      wrapUpTime: n('wrap_up_time'),
      rejectDelayTime: n('reject_delay_time'),
      busyDelayTime: n('busy_delay_time'),
      noAnswerDelayTime: n('no_answer_delay_time'),
      lastBridgeStart: n('last_bridge_start'),
      lastBridgeEnd: n('last_bridge_end'),
      lastOfferedCall: n('last_offered_call'),
      lastStatusChange: n('last_status_change'),
      noAnswerCount: n('no_answer_count'),
      callsAnswered: n('calls_answered'),
      talkTime: n('talk_time'),
      readyTime: n('ready_time'),
      externalCallsCount: n('external_calls_count'),
    };
  });
}

/** Parses the output of `callcenter_config queue list members QUEUE`. */
export function parseCallcenterQueueMembers(body: string): CallcenterQueueMember[] {
  const command = 'callcenter_config queue list members';
  return parsePipeTable(body, command).rows.map((row) => {
    const t = (column: string): string => text(row, column, command);
    const n = (column: string): number => integer(row, column, command);
    return {
      queue: t('queue'),
      instanceId: t('instance_id'),
      uuid: t('uuid'),
      sessionUuid: t('session_uuid') || undefined,
      cidNumber: t('cid_number'),
      cidName: t('cid_name'),
      systemEpoch: n('system_epoch'),
      joinedEpoch: n('joined_epoch'),
      rejoinedEpoch: n('rejoined_epoch'),
      bridgeEpoch: n('bridge_epoch'),
      abandonedEpoch: n('abandoned_epoch'),
      baseScore: n('base_score'),
      skillScore: n('skill_score'),
      servingAgent: t('serving_agent') || undefined,
      servingSystem: t('serving_system') || undefined,
      state: t('state'),
      score: n('score'),
    };
  });
}

/** Runs and parses `callcenter_config agent list`. */
export async function callcenterAgentList(client: EslApiClient): Promise<CallcenterAgent[]> {
  return parseCallcenterAgentList(await client.api(eslCommand.callcenterAgentList()));
}

/** Runs and parses `callcenter_config queue list members QUEUE` (the queue name is checked before sending). */
export async function callcenterQueueMembers(client: EslApiClient, queue: string): Promise<CallcenterQueueMember[]> {
  return parseCallcenterQueueMembers(await client.api(eslCommand.callcenterQueueMembers(queue)));
}
