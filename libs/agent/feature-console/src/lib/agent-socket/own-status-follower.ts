import { DestroyRef, inject, Injectable } from '@angular/core';
import { AGENT_STATUS_CODE_OF, type LiveAgent } from '@switchboard/shared/contracts';
import { CONSOLE_DESK } from '../console-page/console-desk';
import { AgentLiveSocket } from './agent-live-socket';

/**
 * How long after the switch's announcement the status is read once more. The API stores a change made on the switch
 * itself a moment after it saw it (feature-calls' SwitchStatusRecorder waits 1 s, so that a change another replica
 * sent is stored first): a first read may still give the old status.
 */
export const SWITCH_STATUS_RECHECK_MS = 2_000;

/**
 * Keeps the console's status true when it changes elsewhere: mod_callcenter puts the agent On Break after missed
 * calls, a supervisor forces a status, another tab changes it. The agent's own live state comes over the `/agent`
 * socket; when its status differs from what the console shows, the console reads its status again (the API's answer
 * carries the reason and the time). Provided by the console page; lives as long as it.
 */
@Injectable()
export class OwnStatusFollower {
  private readonly desk = inject(CONSOLE_DESK);
  private recheck: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const { socket } = inject(AgentLiveSocket);
    socket.on('snapshot', (snapshot) => this.compare(snapshot.agent));
    socket.on('delta', ({ event }) => {
      if (event.type === 'agent.status') this.compare(event.agent);
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.recheck));
  }

  private compare(live: LiveAgent | null): void {
    const shown = this.desk.status()?.status;
    if (!live || shown === undefined || AGENT_STATUS_CODE_OF[live.status] === shown) return;
    void this.read(live);
    clearTimeout(this.recheck);
    this.recheck = setTimeout(() => {
      if (AGENT_STATUS_CODE_OF[live.status] !== this.desk.status()?.status) void this.read(live);
    }, SWITCH_STATUS_RECHECK_MS);
  }

  private async read(live: LiveAgent): Promise<void> {
    try {
      await this.desk.refresh();
    } catch {
      // The status bar keeps what it showed; the next change, call end or page load reads again.
    }
    if (AGENT_STATUS_CODE_OF[live.status] === this.desk.status()?.status) clearTimeout(this.recheck);
  }
}
