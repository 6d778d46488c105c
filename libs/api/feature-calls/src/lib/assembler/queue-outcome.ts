import type { QueueOutcome } from '@switchboard/shared/contracts';

/**
 * How a caller left a mod_callcenter queue. Live events say CC-Cause `Terminated` (bridged to an agent, then the
 * call ended) or `Cancel` with a CC-Cancel-Reason; CDR variables say cc_cause `answered`/`cancel`/`terminated`.
 */
export function queueOutcomeOf(
  cause: string | undefined,
  cancelReason: string | null | undefined,
  agentBridged: boolean,
): QueueOutcome {
  const normalized = cause?.toLowerCase();
  if (normalized === 'answered') return 'ANSWERED';
  if (normalized === 'terminated') return agentBridged ? 'ANSWERED' : 'ABANDONED';
  switch (cancelReason ?? '') {
    case 'BREAK_OUT':
      return 'ABANDONED';
    case 'TIMEOUT':
      return 'TIMEOUT';
    case 'NO_AGENT_TIMEOUT':
      return 'NO_AGENT';
    default:
      return agentBridged ? 'ANSWERED' : 'OTHER';
  }
}
