/** Errors of supervisor actions; {@link SupervisionExceptionFilter} maps each `name` to an HTTP status. */
abstract class SupervisionError extends Error {
  abstract override readonly name:
    | 'CallNotLive'
    | 'AgentNotFound'
    | 'NotMonitorable'
    | 'NoSupervisorExtension'
    | 'FreeswitchUnavailable'
    | 'FreeswitchRefused';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
export { SupervisionError };

/** No channel of that call is in live state (it ended, or never existed). 404. */
export class CallNotLiveError extends SupervisionError {
  override readonly name = 'CallNotLive';
}
/** The agent is not in live state or not provisioned. 404. */
export class AgentNotFoundError extends SupervisionError {
  override readonly name = 'AgentNotFound';
}
/** The call is live but has no agent leg to eavesdrop (still queued, or not a queue call). 409. */
export class NotMonitorableError extends SupervisionError {
  override readonly name = 'NotMonitorable';
}
/** The supervisor has no extension of their own and gave none, or the one given is not provisioned/enabled. 409. */
export class NoSupervisorExtensionError extends SupervisionError {
  override readonly name = 'NoSupervisorExtension';
}
/** The FreeSWITCH node that runs the call (or any node, for agent commands) is not connected. 503. */
export class FreeswitchUnavailableError extends SupervisionError {
  override readonly name = 'FreeswitchUnavailable';
}
/** FreeSWITCH answered the command with `-ERR ...`. 502. */
export class FreeswitchRefusedError extends SupervisionError {
  override readonly name = 'FreeswitchRefused';
}

/** HTTP status of each supervision error. */
export const SUPERVISION_ERROR_STATUS: Readonly<Record<SupervisionError['name'], number>> = {
  CallNotLive: 404,
  AgentNotFound: 404,
  NotMonitorable: 409,
  NoSupervisorExtension: 409,
  FreeswitchUnavailable: 503,
  FreeswitchRefused: 502,
};
