import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { AuthStore, describeApiError } from '@switchboard/shared/data-access-auth';
import { LiveFloorStore, injectDirectoryNames } from '@switchboard/supervisor/data-access-live';
import { firstValueFrom, switchMap, timer } from 'rxjs';
import { type AgentStatusRequest, AgentGrid } from '../agent-grid/agent-grid';
import { ConnectionIndicator } from '../connection-indicator/connection-indicator';
import { FloorCharts } from '../floor-charts/floor-charts';
import { liveCallRows } from '../live-calls/live-call-rows';
import { type CallActionRequest, LiveCalls } from '../live-calls/live-calls';
import { QueueTile } from '../queue-tile/queue-tile';
import { FloorApi } from '../floor-api';

/** How often today's interval charts are reloaded. */
const CHART_REFRESH_MS = 60_000;

/** What the last supervisor action did, for the status line. */
interface ActionOutcome {
  ok: boolean;
  text: string;
}

/**
 * The live floor: a wall of queue tiles, the agent grid and the calls in progress, all from the live feed, with
 * today's charts below. Supervisors act on calls (listen, whisper, barge, hang up) and agents (status, log out).
 */
@Component({
  selector: 'sb-live-floor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConnectionIndicator, QueueTile, AgentGrid, LiveCalls, FloorCharts],
  templateUrl: './live-floor-page.html',
  styleUrl: './live-floor-page.css',
})
export class LiveFloorPage {
  protected readonly live = inject(LiveFloorStore);
  private readonly api = inject(FloorApi);
  private readonly auth = inject(AuthStore);

  protected readonly canSupervise = computed(() => this.auth.hasPermission('floor:supervise'));
  protected readonly agentSummary = computed(() => {
    const agents = this.live.agents();
    const signedIn = agents.filter((agent) => agent.status !== 'Logged Out').length;
    return `${signedIn} signed in of ${agents.length}`;
  });
  protected readonly callCount = computed(() => liveCallRows(this.live.channels()).length);
  protected readonly busyAgents = signal<ReadonlySet<string>>(new Set());
  protected readonly busyCalls = signal<ReadonlySet<string>>(new Set());
  protected readonly outcome = signal<ActionOutcome | null>(null);

  private readonly intervals = rxResource({
    stream: () => timer(0, CHART_REFRESH_MS).pipe(switchMap(() => this.api.todayIntervals())),
  });
  protected readonly points = computed(() => (this.intervals.hasValue() ? this.intervals.value() : []));
  protected readonly chartError = computed(() =>
    this.intervals.error() ? describeApiError(this.intervals.error(), 'Today’s charts could not be loaded.') : null,
  );

  /** People and queues by the names admins gave them (tiles, agent grid, calls, the status line). */
  protected readonly names = injectDirectoryNames();

  constructor() {
    this.live.start();
    inject(DestroyRef).onDestroy(() => this.live.stop());
  }

  protected async changeAgentStatus({ agent, status }: AgentStatusRequest): Promise<void> {
    await this.perform(this.busyAgents, agent, async () => {
      await firstValueFrom(this.api.setAgentStatus(agent, status));
      const who = this.names().agentText(agent);
      return status === 'Logged Out' ? `Logged ${who} out.` : `Set ${who} to ${status}.`;
    });
  }

  protected async actOnCall({ call, action }: CallActionRequest): Promise<void> {
    await this.perform(this.busyCalls, call.callUuid, async () => {
      if (action === 'hangup') {
        await firstValueFrom(this.api.hangUp(call.callUuid));
        return `Hung up the call from ${call.caller}.`;
      }
      await firstValueFrom(this.api.monitor(call.callUuid, action));
      const verbs = { listen: 'Listening to', whisper: 'Whispering on', barge: 'Barged into' } as const;
      return `${verbs[action]} the call from ${call.caller}: your phone rings.`;
    });
  }

  private async perform(busy: typeof this.busyAgents, key: string, action: () => Promise<string>): Promise<void> {
    busy.update((keys) => new Set(keys).add(key));
    try {
      this.outcome.set({ ok: true, text: await action() });
    } catch (error) {
      // Expected: 404 (the call or agent is gone), 409 (no supervisor extension, agent not in that state), 503 (no ESL).
      this.outcome.set({ ok: false, text: describeApiError(error, 'The action failed.') });
    } finally {
      busy.update((keys) => {
        const next = new Set(keys);
        next.delete(key);
        return next;
      });
    }
  }
}
