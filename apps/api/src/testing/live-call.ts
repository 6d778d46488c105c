// A queue call in progress on a simulated FreeSWITCH node, for the specs that act on a live call (supervision,
// scale-out): one place that says what such a call is.
import { type EslSimulator, Prng, buildCall } from '@switchboard/api/data-access-esl/testing';

/** The legs of the live call: the caller's channel and the agent's, bridged. */
export interface LiveCallLegs {
  readonly callerUuid: string;
  readonly agentUuid: string;
}

/**
 * Emits on `simulator` a call to `support@<domain>` (extension 9000) answered by `agent` (extension 1001): every
 * event of the scenario up to its first hang-up, so the call is still going.
 */
export function emitLiveQueueCall(
  simulator: EslSimulator,
  input: { seed: number; domain: string; agent: string },
): LiveCallLegs {
  const call = buildCall('answered', {
    prng: new Prng(input.seed),
    startUs: BigInt(Date.now()) * 1000n,
    queue: `support@${input.domain}`,
    queueExtension: '9000',
    callerNumber: '+15550002222',
    callerName: 'Caller',
    agent: { name: input.agent, extension: '1001' },
    timeScale: 0.001,
  });
  for (const { event } of call.events) {
    if (event.name.startsWith('CHANNEL_HANGUP')) break;
    simulator.emit(event);
  }
  return { callerUuid: call.callerUuid ?? '', agentUuid: call.agentUuid ?? '' };
}
