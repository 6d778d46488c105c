import { agentCallsOut } from './agent-call';
import { CallScript, type GeneratedEvent } from './call-script';
import { queueCall } from './queue-call';
import type { Ctx } from './scenario-steps';
import type { Prng } from './prng';

/** The kinds of call the generator produces. */
export type CallScenarioKind =
  | 'answered'
  | 'abandoned'
  | 'timeout'
  | 'no-agent'
  | 'agent-to-agent'
  | 'outbound'
  | 'blind-transfer';

/** A mod_callcenter agent with a phone registered as a SIP user. */
export interface SimAgent {
  /** `agent1000@default`. */
  readonly name: string;
  /** `1000`. */
  readonly extension: string;
}

/** Everything one call needs; the generator fills it from its seeded source. */
export interface ScenarioInput {
  readonly prng: Prng;
  readonly startUs: bigint;
  readonly queue: string;
  readonly queueExtension: string;
  readonly callerNumber: string;
  readonly callerName: string;
  /** The agent who answers (answered, blind-transfer), calls (outbound, agent-to-agent). */
  readonly agent?: SimAgent;
  /** The agent who is called (agent-to-agent) or receives the transfer (blind-transfer). */
  readonly otherAgent?: SimAgent;
  /** Queue members already waiting, for CC-Count. */
  readonly waitingMembers?: number;
  readonly hold?: boolean;
  readonly dtmf?: string;
  readonly record?: boolean;
  /** In an answered queue call, the agent hangs up first (default: the caller does, as in both real captures). */
  readonly agentHangsUp?: boolean;
  /** Multiplies every duration (tests use small values). Default 1. */
  readonly timeScale?: number;
}

/** One generated call (or agent break): its events on its own timeline. */
export interface GeneratedCall {
  readonly kind: CallScenarioKind | 'agent-break';
  readonly startUs: bigint;
  /** When the last event happens. */
  readonly endUs: bigint;
  readonly callerUuid: string | undefined;
  readonly agentUuid: string | undefined;
  readonly memberUuid: string | undefined;
  readonly events: GeneratedEvent[];
}

/** Builds the events of one call of `kind`. */
export function buildCall(kind: CallScenarioKind, input: ScenarioInput): GeneratedCall {
  const s = new CallScript(input.startUs);
  const scale = input.timeScale ?? 1;
  const ms = (min: number, max: number): number => input.prng.int(min, max) * scale;
  const ctx: Ctx = { s, input, ms, memberUuid: undefined, agentLeg: undefined };
  const caller = kind === 'agent-to-agent' || kind === 'outbound' ? agentCallsOut(ctx, kind) : queueCall(ctx, kind);
  return {
    kind,
    startUs: input.startUs,
    endUs: s.nowUs,
    callerUuid: caller.uuid,
    agentUuid: ctx.agentLeg?.uuid,
    memberUuid: ctx.memberUuid,
    events: s.events,
  };
}
