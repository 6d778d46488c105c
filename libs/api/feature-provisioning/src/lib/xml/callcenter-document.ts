import {
  type AgentStatusCode,
  CALLCENTER_AGENT_STATUS,
  type QueueStrategy,
  type TimeBaseScore,
} from '@switchboard/shared/contracts';
import type { AgentTimers } from '../pbx/callcenter-commands';
import { params, renderXmlDocument, xml } from './xml';

/** A queue as callcenter.conf describes it; `name` is mod_callcenter's `name@domain`. */
export interface CallcenterQueue {
  name: string;
  strategy: QueueStrategy;
  mohSound: string;
  recordTemplate: string | null;
  timeBaseScore: TimeBaseScore;
  maxWaitTime: number;
  maxWaitTimeWithNoAgent: number;
  maxWaitTimeWithNoAgentTimeReached: number;
  tierRulesApply: boolean;
  tierRuleWaitSecond: number;
  tierRuleWaitMultiplyLevel: boolean;
  tierRuleNoAgentNoWait: boolean;
  discardAbandonedAfter: number;
  abandonedResumeAllowed: boolean;
}

export interface CallcenterAgent extends AgentTimers {
  name: string;
  contact: string;
  status: AgentStatusCode;
}

export interface CallcenterTier {
  agent: string;
  queue: string;
  level: number;
  position: number;
}

/**
 * callcenter.conf for mod_callcenter: every queue with all its params, every agent and every tier. mod_callcenter
 * reads queues from it whenever it loads one, and agents and tiers when the module starts.
 */
export function callcenterConfigDocument(config: {
  queues: readonly CallcenterQueue[];
  agents: readonly CallcenterAgent[];
  tiers: readonly CallcenterTier[];
}): string {
  return renderXmlDocument(
    xml('document', { type: 'freeswitch/xml' }, [
      xml('section', { name: 'configuration' }, [
        xml('configuration', { name: 'callcenter.conf', description: 'Switchboard queues, agents and tiers' }, [
          // The database is the source of truth: on (re)load mod_callcenter forgets agents and tiers it had and
          // takes the ones below, so what was deleted while FreeSWITCH was away does not come back.
          xml('settings', {}, params({ 'truncate-agents-on-load': true, 'truncate-tiers-on-load': true })),
          xml('queues', {}, config.queues.map(queueNode)),
          xml(
            'agents',
            {},
            config.agents.map((agent) =>
              xml('agent', {
                name: agent.name,
                type: 'callback',
                contact: agent.contact,
                status: CALLCENTER_AGENT_STATUS[agent.status],
                'max-no-answer': agent.maxNoAnswer,
                'wrap-up-time': agent.wrapUpTime,
                'reject-delay-time': agent.rejectDelayTime,
                'busy-delay-time': agent.busyDelayTime,
                'no-answer-delay-time': agent.noAnswerDelayTime,
              }),
            ),
          ),
          xml(
            'tiers',
            {},
            config.tiers.map((tier) =>
              xml('tier', { agent: tier.agent, queue: tier.queue, level: tier.level, position: tier.position }),
            ),
          ),
        ]),
      ]),
    ]),
  );
}

function queueNode(queue: CallcenterQueue) {
  return xml(
    'queue',
    { name: queue.name },
    params({
      strategy: queue.strategy,
      'moh-sound': queue.mohSound,
      'record-template': queue.recordTemplate,
      'time-base-score': queue.timeBaseScore,
      'max-wait-time': queue.maxWaitTime,
      'max-wait-time-with-no-agent': queue.maxWaitTimeWithNoAgent,
      'max-wait-time-with-no-agent-time-reached': queue.maxWaitTimeWithNoAgentTimeReached,
      'tier-rules-apply': queue.tierRulesApply,
      'tier-rule-wait-second': queue.tierRuleWaitSecond,
      'tier-rule-wait-multiply-level': queue.tierRuleWaitMultiplyLevel,
      'tier-rule-no-agent-no-wait': queue.tierRuleNoAgentNoWait,
      'discard-abandoned-after': queue.discardAbandonedAfter,
      'abandoned-resume-allowed': queue.abandonedResumeAllowed,
    }),
  );
}
