import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type TierDto, createTierRequestSchema, updateTierRequestSchema } from '@switchboard/shared/contracts';
import type { ResourceConfig } from '../admin-fields';
import { ResourcePage } from '../resource-page/resource-page';

/** How the tiers screen lists and edits which agent answers which queue. */
export const TIERS_RESOURCE: ResourceConfig<TierDto> = {
  path: 'tiers',
  title: 'Tiers',
  noun: 'tier',
  description: 'Which agents answer which queue, at which level (1 first) and position within the level.',
  searchable: false,
  label: (tier) => `${tier.agentName} in ${tier.queueName}`,
  columns: [
    { label: 'Queue', value: (tier) => tier.queueName, mono: true },
    { label: 'Agent', value: (tier) => tier.agentName, mono: true },
    { label: 'Level', value: (tier) => String(tier.level) },
    { label: 'Position', value: (tier) => String(tier.position) },
  ],
  fields: [
    { key: 'queueId', label: 'Queue', kind: 'select', source: 'queues', createOnly: true },
    { key: 'agentId', label: 'Agent', kind: 'select', source: 'agents', createOnly: true },
    { key: 'level', label: 'Level', kind: 'number', initial: '1', hint: '1-9; level 1 rings first.' },
    { key: 'position', label: 'Position', kind: 'number', initial: '1', hint: '1-99 within the level.' },
  ],
  createSchema: createTierRequestSchema,
  updateSchema: updateTierRequestSchema,
};

/** The tiers admin screen. */
@Component({
  selector: 'sb-tiers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ResourcePage],
  template: '<sb-resource-page [config]="config" />',
})
export class TiersPage {
  protected readonly config = TIERS_RESOURCE;
}
