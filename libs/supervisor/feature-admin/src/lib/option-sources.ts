import type { AgentDto, ExtensionDto, QueueDto, UserDto } from '@switchboard/shared/contracts';
import { type Observable, map } from 'rxjs';
import type { FieldOption, OptionSource } from './admin-fields';
import type { ProvisioningApi } from './provisioning-api';

/** Most records a select offers; the API's page-size ceiling. */
const MAX_CHOICES = 200;

/** The choices of a select whose options are records of the API. */
export function loadOptions(api: ProvisioningApi, source: OptionSource): Observable<FieldOption[]> {
  const query = { search: '', page: 1, pageSize: MAX_CHOICES };
  switch (source) {
    case 'users':
      return api
        .list<UserDto>('users', query)
        .pipe(
          map((page) => page.items.map((user) => ({ value: user.id, label: `${user.displayName} (${user.email})` }))),
        );
    case 'extensions':
      return api
        .list<ExtensionDto>('extensions', query)
        .pipe(map((page) => page.items.map((ext) => ({ value: ext.id, label: `${ext.number} · ${ext.displayName}` }))));
    case 'agents':
      return api
        .list<AgentDto>('agents', query)
        .pipe(
          map((page) =>
            page.items.map((agent) => ({ value: agent.id, label: `${agent.displayName} (${agent.name})` })),
          ),
        );
    case 'queues':
      return api
        .list<QueueDto>('queues', query)
        .pipe(
          map((page) =>
            page.items.map((queue) => ({ value: queue.id, label: `${queue.displayName} (${queue.name})` })),
          ),
        );
  }
}
