import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type AgentDto, createAgentRequestSchema, updateAgentRequestSchema } from '@switchboard/shared/contracts';
import type { ResourceConfig } from '../admin-fields';
import { ResourcePage } from '../resource-page/resource-page';

/** How the agents screen lists and edits mod_callcenter agents. */
export const AGENTS_RESOURCE: ResourceConfig<AgentDto> = {
  path: 'agents',
  title: 'Agents',
  noun: 'agent',
  description: 'People who take queue calls: their user, the extension that rings, and their timers.',
  searchable: true,
  label: (agent) => `${agent.displayName} (${agent.name})`,
  columns: [
    { label: 'Person', value: (agent) => agent.displayName },
    { label: 'Agent name', value: (agent) => agent.name, mono: true },
    { label: 'Extension', value: (agent) => agent.extensionNumber ?? '—', mono: true },
    { label: 'Status', value: (agent) => agent.status.replaceAll('_', ' ').toLowerCase() },
    { label: 'Wrap-up', value: (agent) => `${agent.wrapUpTime} s` },
    { label: 'Max no answer', value: (agent) => String(agent.maxNoAnswer) },
  ],
  fields: [
    { key: 'userId', label: 'User', kind: 'select', source: 'users', createOnly: true },
    { key: 'extensionId', label: 'Extension', kind: 'select', source: 'extensions', emptyIsNull: true },
    {
      key: 'name',
      label: 'Agent name',
      kind: 'text',
      createOnly: true,
      hint: 'Optional with an extension: <number>@<domain>.',
    },
    { key: 'wrapUpTime', label: 'Wrap-up (s)', kind: 'number', initial: '10' },
    { key: 'maxNoAnswer', label: 'Max no answer', kind: 'number', initial: '3' },
    { key: 'noAnswerDelayTime', label: 'No-answer delay (s)', kind: 'number', initial: '10' },
    { key: 'rejectDelayTime', label: 'Reject delay (s)', kind: 'number', initial: '10' },
    { key: 'busyDelayTime', label: 'Busy delay (s)', kind: 'number', initial: '60' },
  ],
  createSchema: createAgentRequestSchema,
  updateSchema: updateAgentRequestSchema,
};

/** The agents admin screen. */
@Component({
  selector: 'sb-agents-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ResourcePage],
  template: '<sb-resource-page [config]="config" />',
})
export class AgentsPage {
  protected readonly config = AGENTS_RESOURCE;
}
