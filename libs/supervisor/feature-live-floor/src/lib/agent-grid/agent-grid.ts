import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import {
  AGENT_STATUSES,
  type AgentPhoneHealth,
  type LiveAgent,
  type LiveAgentStatus,
  type LiveChannel,
} from '@switchboard/shared/contracts';
import { DirectoryNames } from '@switchboard/supervisor/data-access-live';
import { formatDuration, secondsSince } from '../durations';
import { type AgentCall, agentCalls, liveCallRows } from '../live-calls/live-call-rows';

/** A supervisor's request to change an agent's mod_callcenter status. */
export interface AgentStatusRequest {
  agent: string;
  status: LiveAgentStatus;
}

/** One row of the grid, with what the template shows already worked out. */
interface AgentRow {
  agent: LiveAgent;
  /** The person's name, or mod_callcenter's agent name when the agent is not provisioned (or not loaded yet). */
  person: string;
  extension: string | null;
  activity: 'available' | 'on-call' | 'acw' | 'break' | 'offline' | 'other';
  timeInState: string;
  call: string | null;
  /** What the call column means, for its tooltip. */
  callTitle: string | null;
  health: AgentPhoneHealth | null;
}

function activityOf(agent: LiveAgent): AgentRow['activity'] {
  if (agent.status === 'Logged Out') return 'offline';
  if (agent.status === 'On Break') return 'break';
  if (agent.state === 'In a queue call' || agent.state === 'Receiving') return 'on-call';
  if (agent.state === 'Idle') return 'acw';
  if (agent.state === 'Waiting') return 'available';
  return 'other';
}

const CALL_TITLES: Readonly<Record<AgentCall['kind'], string>> = {
  queue: 'Queue call: the caller',
  in: 'Direct call (not from a queue): who called',
  out: 'Direct call (not from a queue): the number called',
};

/** `+15551234` for a queue caller; `↙ 3009` / `↗ 3003` for a direct call in or out. */
function callText(call: AgentCall): string {
  if (call.kind === 'queue') return call.peer;
  return `${call.kind === 'in' ? '↙' : '↗'} ${call.peer}`;
}

/**
 * Every agent on the floor: status, state and how long they have been in it, the caller they are talking to, and
 * their phone's health when the softphone reports it. Supervisors may force a status or log an agent out.
 */
@Component({
  selector: 'sb-agent-grid',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agent-grid.html',
  styleUrl: './agent-grid.css',
})
export class AgentGrid {
  readonly agents = input.required<readonly LiveAgent[]>();
  readonly names = input(new DirectoryNames());
  readonly channels = input<readonly LiveChannel[]>([]);
  readonly phoneHealth = input<ReadonlyMap<string, AgentPhoneHealth>>(new Map());
  readonly now = input.required<number>();
  /** Whether the viewer may act on agents (`floor:supervise`). */
  readonly canSupervise = input(false);
  /** Agents with a request under way, by name. */
  readonly busy = input<ReadonlySet<string>>(new Set());
  readonly statusChange = output<AgentStatusRequest>();

  protected readonly statuses = AGENT_STATUSES;
  protected readonly rows = computed<AgentRow[]>(() => {
    const channels = new Map(this.channels().map((channel) => [channel.uuid, channel]));
    const now = this.now();
    const names = this.names();
    const agentOfExtension = new Map<string, string>();
    for (const agent of this.agents()) {
      const extension = names.agent(agent.name)?.extension;
      if (extension) agentOfExtension.set(extension, agent.name);
    }
    const calls = agentCalls(liveCallRows(this.channels()), agentOfExtension);
    return this.agents().map((agent) => {
      const channel = agent.callUuid ? channels.get(agent.callUuid) : undefined;
      const label = names.agent(agent.name);
      const call: AgentCall | undefined = channel
        ? { peer: channel.callerNumber ?? channel.callerName ?? 'Unknown caller', kind: 'queue' }
        : calls.get(agent.name);
      return {
        agent,
        person: label?.displayName ?? agent.name,
        extension: label?.extension ?? null,
        activity: activityOf(agent),
        timeInState: formatDuration(secondsSince(agent.stateSince, now)),
        call: call ? callText(call) : agent.callUuid ? 'On a call' : null,
        callTitle: call ? CALL_TITLES[call.kind] : null,
        health: this.phoneHealth().get(agent.name) ?? null,
      };
    });
  });

  protected requestStatus(agent: LiveAgent, select: HTMLSelectElement): void {
    const status = AGENT_STATUSES.find((value) => value === select.value);
    // The select shows the live status; it changes when the server reports the new one.
    select.value = agent.status;
    if (status && status !== agent.status) this.statusChange.emit({ agent: agent.name, status });
  }

  protected mosTone(mos: number | null): string {
    if (mos === null) return '';
    return mos >= 4 ? 'good' : mos >= 3.5 ? 'fair' : 'poor';
  }
}
