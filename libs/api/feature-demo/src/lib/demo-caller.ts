import { randomUUID } from 'node:crypto';
import { parseCallcenterAgentList } from '@switchboard/api/data-access-esl';
import { DEMO_LIVE_AGENTS, DEMO_LIVE_QUEUE } from './demo-plan';

/**
 * How often the demo caller looks whether its last caller is gone and a live agent is Available: someone who just
 * went Available hears a caller within this (and the ring). The pace stays gentle: one caller at a time, and
 * mod_callcenter gives the agent their wrap-up time before offering the next.
 */
export const DEMO_CALL_INTERVAL_MS = 2_000;

/** How often it looks until FreeSWITCH answers: FreeSWITCH starts after the API listens. */
export const DEMO_FIRST_CALL_LOOK_MS = 500;

/** A demo call hangs up on its own after this long, answered or not, so calls never pile up. */
export const DEMO_CALL_MAX_SECONDS = 120;

/** Who a demo call comes from (555-01xx numbers are reserved for fiction). */
export const DEMO_CALLER = { name: 'Demo caller', number: '+15550199' } as const;

/** The part of the ESL client the demo caller uses, on one node. */
export interface DemoCallerSwitch {
  isConnected(nodeId: string): boolean;
  api(command: string, nodeId: string): Promise<string>;
  bgapi(command: string, nodeId: string): Promise<string>;
}

/** What one look at the live queue did. */
export type DemoCallOutcome = 'placed' | 'busy' | 'no-agent' | 'disconnected' | 'failed';

/** mod_callcenter statuses in which it offers an agent queue calls. */
const TAKING_CALLS = new Set(['Available', 'Available (On Demand)']);

/**
 * One demo call: a loopback channel dials the live queue's number in the `default` context, exactly as an agent's
 * phone dialling it would (the queue dial plan answers, then mod_callcenter offers it to an Available agent). The
 * caller's side plays the music-on-hold stream, so the agent hears something, and hangs up after
 * {@link DEMO_CALL_MAX_SECONDS}. `domain_name` is set because no directory lookup gives a loopback channel one, and
 * the dial plan looks the queue number up in that domain. `switchboard_demo` marks the channels as demo in the event
 * log; the call records are demo through their queue.
 */
export function demoCallCommand(domain: string, uuid: string): string {
  const variables = [
    `origination_uuid=${uuid}`,
    `origination_caller_id_name='${DEMO_CALLER.name}'`,
    `origination_caller_id_number=${DEMO_CALLER.number}`,
    `domain_name=${domain}`,
    'switchboard_demo=true',
    `execute_on_answer='sched_hangup +${DEMO_CALL_MAX_SECONDS} NORMAL_CLEARING'`,
  ];
  return `originate {${variables.join(',')}}loopback/${DEMO_LIVE_QUEUE.number}/default &playback(local_stream://moh)`;
}

/**
 * Places real calls into the demo's live queue on a real FreeSWITCH at a gentle pace: one caller at a time, the next
 * within {@link DEMO_CALL_INTERVAL_MS} of the last one's hang-up, and only while one of the live agents is Available in
 * mod_callcenter. Callers placed with nobody to answer waited two minutes and hung up, round the clock: the live queue
 * showed a 0 % service level and an abandon rate near 100 % in every report of a demo left running. The caller's own
 * channel says whether it is gone (`uuid_exists`), not mod_callcenter's member list, which outlives a FreeSWITCH
 * restart in its database. Nothing is placed while the node is down.
 */
export class DemoCaller {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  /** The channel of the last caller placed. */
  private lastCall: string | undefined;

  constructor(
    private readonly freeswitch: DemoCallerSwitch,
    private readonly nodeId: string,
    private readonly domain: string,
    private readonly onFailure: (reason: string) => void = () => undefined,
  ) {}

  /** Looks at once, then every {@link DEMO_FIRST_CALL_LOOK_MS} until FreeSWITCH answers, then every interval. */
  start(intervalMs = DEMO_CALL_INTERVAL_MS, firstLookMs = DEMO_FIRST_CALL_LOOK_MS): void {
    if (this.timer) return;
    const look = async (): Promise<void> => {
      const outcome = await this.callIfQuiet();
      if (outcome === 'disconnected' || outcome === 'failed' || !this.timer) return;
      clearInterval(this.timer);
      this.timer = setInterval(() => void this.callIfQuiet(), intervalMs).unref();
    };
    this.timer = setInterval(() => void look(), firstLookMs).unref();
    void look();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Places a call unless the last demo caller is still on the line. */
  async callIfQuiet(): Promise<DemoCallOutcome> {
    if (this.busy) return 'busy';
    if (!this.freeswitch.isConnected(this.nodeId)) return 'disconnected';
    this.busy = true;
    try {
      const last = this.lastCall;
      if (last && (await this.freeswitch.api(`uuid_exists ${last}`, this.nodeId)).trim() === 'true') return 'busy';
      if (!(await this.liveAgentTakingCalls())) return 'no-agent';
      const uuid = randomUUID();
      const reply = (await this.freeswitch.bgapi(demoCallCommand(this.domain, uuid), this.nodeId)).trim();
      if (reply.startsWith('+OK')) {
        this.lastCall = uuid;
        return 'placed';
      }
      this.onFailure(`FreeSWITCH answered "${reply}" to the demo call`);
      return 'failed';
    } catch (error) {
      // The ESL link dropped mid-command (FreeSWITCH stopping): the next look tries again.
      this.onFailure(error instanceof Error ? error.message : String(error));
      return 'failed';
    } finally {
      this.busy = false;
    }
  }

  /** Whether mod_callcenter has one of the live queue's agents Available (signed in to a console, ready). */
  private async liveAgentTakingCalls(): Promise<boolean> {
    const live = new Set(DEMO_LIVE_AGENTS.map((agent) => `${agent.extension}@${this.domain}`));
    const agents = parseCallcenterAgentList(await this.freeswitch.api('callcenter_config agent list', this.nodeId));
    return agents.some((agent) => live.has(agent.name) && TAKING_CALLS.has(agent.status));
  }
}
