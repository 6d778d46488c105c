import type { HttpTestingController } from '@angular/common/http/testing';
import type { AgentDto, QueueDto } from '@switchboard/shared/contracts';

/** The provisioned names the specs use: `support` is Customer support; `agent1001@default` is Ann Lee on 1001. */
export const SUPPORT_QUEUE: Partial<QueueDto> = {
  id: 'q1',
  name: 'support',
  displayName: 'Customer support',
  number: '9200',
  serviceLevelSeconds: 30,
};
export const ANN_AGENT: Partial<AgentDto> = {
  id: 'a1',
  name: 'agent1001@default',
  displayName: 'Ann Lee',
  extensionNumber: '1001',
};

/**
 * Answers a screen's read of the directory names (one page each of `GET /api/queues` and `GET /api/agents`), as
 * the API does.
 */
export function flushDirectoryNames(
  http: HttpTestingController,
  queues: readonly Partial<QueueDto>[] = [SUPPORT_QUEUE],
  agents: readonly Partial<AgentDto>[] = [ANN_AGENT],
): void {
  const page = <T>(items: readonly T[]) => ({ items, total: items.length, page: 1, pageSize: 200 });
  http.expectOne((request) => request.url === '/api/queues').flush(page(queues));
  http.expectOne((request) => request.url === '/api/agents').flush(page(agents));
}
