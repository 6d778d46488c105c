import { ChangeDetectionStrategy, Component } from '@angular/core';
import {
  QUEUE_STRATEGIES,
  TIME_BASE_SCORES,
  type QueueDto,
  createQueueRequestSchema,
  updateQueueRequestSchema,
} from '@switchboard/shared/contracts';
import type { ResourceConfig } from '../admin-fields';
import { ResourcePage } from '../resource-page/resource-page';

const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

/** How the queues screen lists and edits mod_callcenter queues. */
export const QUEUES_RESOURCE: ResourceConfig<QueueDto> = {
  path: 'queues',
  title: 'Queues',
  noun: 'queue',
  description: 'Call queues as mod_callcenter runs them: how callers wait and how agents are picked.',
  searchable: true,
  label: (queue) => queue.name,
  columns: [
    { label: 'Name', value: (queue) => queue.name, mono: true },
    { label: 'Display name', value: (queue) => queue.displayName },
    { label: 'Number', value: (queue) => queue.number ?? '—', mono: true },
    { label: 'Strategy', value: (queue) => queue.strategy },
    { label: 'Service level', value: (queue) => `${queue.serviceLevelSeconds} s` },
    { label: 'Max wait', value: (queue) => (queue.maxWaitTime === 0 ? 'No limit' : `${queue.maxWaitTime} s`) },
  ],
  fields: [
    {
      key: 'name',
      label: 'Name',
      kind: 'text',
      createOnly: true,
      hint: 'Lower case, e.g. support. Cannot change later.',
    },
    { key: 'displayName', label: 'Display name', kind: 'text' },
    { key: 'number', label: 'Number', kind: 'text', emptyIsNull: true, hint: 'Digits callers dial (optional).' },
    {
      key: 'strategy',
      label: 'Strategy',
      kind: 'select',
      options: choices(QUEUE_STRATEGIES),
      initial: 'longest-idle-agent',
    },
    { key: 'serviceLevelSeconds', label: 'Service level (s)', kind: 'number', initial: '20', hint: 'Answered within.' },
    { key: 'maxWaitTime', label: 'Max wait (s)', kind: 'number', initial: '0', hint: '0: no limit.' },
    { key: 'maxWaitTimeWithNoAgent', label: 'Max wait, no agent (s)', kind: 'number', initial: '0' },
    { key: 'maxWaitTimeWithNoAgentTimeReached', label: 'No-agent grace (s)', kind: 'number', initial: '5' },
    { key: 'discardAbandonedAfter', label: 'Discard abandoned after (s)', kind: 'number', initial: '60' },
    { key: 'mohSound', label: 'Music on hold', kind: 'text', initial: 'local_stream://moh' },
    {
      key: 'timeBaseScore',
      label: 'Time base score',
      kind: 'select',
      options: choices(TIME_BASE_SCORES),
      initial: 'system',
    },
    { key: 'tierRuleWaitSecond', label: 'Tier wait (s)', kind: 'number', initial: '300' },
    { key: 'tierRulesApply', label: 'Apply tier rules', kind: 'checkbox' },
    { key: 'tierRuleWaitMultiplyLevel', label: 'Multiply tier wait by level', kind: 'checkbox', initial: true },
    { key: 'tierRuleNoAgentNoWait', label: 'Skip levels without agents', kind: 'checkbox' },
    { key: 'abandonedResumeAllowed', label: 'Abandoned callers resume', kind: 'checkbox' },
  ],
  createSchema: createQueueRequestSchema,
  updateSchema: updateQueueRequestSchema,
};

/** The queues admin screen. */
@Component({
  selector: 'sb-queues-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ResourcePage],
  template: '<sb-resource-page [config]="config" />',
})
export class QueuesPage {
  protected readonly config = QUEUES_RESOURCE;
}
