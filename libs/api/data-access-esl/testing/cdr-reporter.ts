import { isChannelData } from './channel-records';
import { type CdrOptions, type CdrPostResult, postJsonCdr } from './cdr-poster';
import { buildJsonCdr } from './json-cdr';
import type { SimulatorState } from './simulator-state';
import type { SimEvent, SwitchIdentity } from './wire';

/** What the reporter needs from the simulator that owns it. */
export interface ReporterHost {
  readonly identity: SwitchIdentity;
  readonly state: SimulatorState;
  /** Sends held events, in order, without holding them again. */
  release(events: readonly SimEvent[]): void;
}

interface Reporting {
  readonly heldAtMs: number;
  readonly events: SimEvent[];
}

/**
 * mod_json_cdr inside the simulator. FreeSWITCH posts a leg's CDR from its CS_REPORTING state handler and fires
 * CHANNEL_HANGUP_COMPLETE only once the post returned, after every retry when the receiver refuses it (15 s late in
 * the fs-webrtc captures: retries=3, delay=5). So the reporter holds a leg's CHANNEL_HANGUP_COMPLETE (and any channel
 * event behind it) while it posts; everything else (the other leg, mod_callcenter's events) keeps flowing.
 * Released events keep their place in the call's time line, moved by the time the post took.
 */
export class CdrReporter {
  /** Every finished post, in the order they finished. */
  readonly results: CdrPostResult[] = [];
  private readonly reporting = new Map<string, Reporting>();
  private readonly controller = new AbortController();

  constructor(
    private readonly options: CdrOptions,
    private readonly host: ReporterHost,
  ) {}

  /** Legs whose CDR is being posted (their HANGUP_COMPLETE is held). */
  get pending(): number {
    return this.reporting.size;
  }

  /** Whether the event is held: a leg's CHANNEL_HANGUP_COMPLETE, or a channel event behind it on the same leg. */
  hold(event: SimEvent): boolean {
    const uuid = event.headers.find(([name]) => name === 'Unique-ID')?.[1];
    if (uuid === undefined) return false;
    const reporting = this.reporting.get(uuid);
    if (reporting) {
      if (!event.name.startsWith('CHANNEL_')) return false;
      reporting.events.push(event);
      return true;
    }
    if (event.name !== 'CHANNEL_HANGUP_COMPLETE') return false;
    this.host.state.enterReporting(event.headers);
    const final = new Map(event.headers.filter(([name]) => isChannelData(name)));
    const document = buildJsonCdr(final, this.host.state.channelData.get(uuid), this.host.identity);
    this.reporting.set(uuid, { heldAtMs: Date.now(), events: [event] });
    void postJsonCdr(document, uuid, this.options, this.controller.signal)
      // Only the spool write can throw; the leg completes all the same, as FreeSWITCH's does.
      .catch((error: unknown): CdrPostResult => ({ uuid, attempts: 0, outcomes: [String(error)], delivered: false }))
      .then((result) => this.finish(uuid, result));
    return true;
  }

  /** Abandons every post in progress; their events are dropped (the simulator is stopping). */
  stop(): void {
    this.controller.abort();
    this.reporting.clear();
  }

  private finish(uuid: string, result: CdrPostResult): void {
    const held = this.reporting.get(uuid);
    this.reporting.delete(uuid);
    if (!held || this.controller.signal.aborted) return;
    this.results.push(result);
    const elapsedUs = BigInt(Date.now() - held.heldAtMs) * 1000n;
    this.host.release(
      held.events.map((event) =>
        event.timestampUs === undefined ? event : { ...event, timestampUs: event.timestampUs + elapsedUs },
      ),
    );
  }
}
