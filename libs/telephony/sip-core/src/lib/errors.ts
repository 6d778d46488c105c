/** Base of every error sip-core raises or emits; `name` tells them apart. */
export abstract class SoftphoneError extends Error {
  abstract override readonly name: string;
}

/** A command needs a started, leading client (call `start()` first, or the registration lives in another tab). */
export class SoftphoneNotReadyError extends SoftphoneError {
  override readonly name = 'SoftphoneNotReadyError' as const;
  constructor(message = 'The softphone is not started in this tab', options?: ErrorOptions) {
    super(message, options);
  }
}

/** The account from the API is unusable (missing secret, bad URL). */
export class SipAccountError extends SoftphoneError {
  override readonly name = 'SipAccountError' as const;
}

/** The registrar refused or never answered the REGISTER. */
export class SipRegistrationError extends SoftphoneError {
  override readonly name = 'SipRegistrationError' as const;
  constructor(
    message: string,
    /** SIP status of the final response, if any. */
    readonly statusCode?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A call command is not possible in the call's current state (e.g. hold while ringing). */
export class CallStateError extends SoftphoneError {
  override readonly name = 'CallStateError' as const;
}

/** No call matches the given id, or no call is active. */
export class CallNotFoundError extends SoftphoneError {
  override readonly name = 'CallNotFoundError' as const;
}

/** A re-INVITE (hold, unhold, target refresh) failed for good after the glare retries. */
export class RenegotiationError extends SoftphoneError {
  override readonly name = 'RenegotiationError' as const;
  constructor(
    message: string,
    readonly statusCode?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A transfer was refused (REFER 4xx/5xx) or its NOTIFY reported failure. */
export class TransferError extends SoftphoneError {
  override readonly name = 'TransferError' as const;
  constructor(
    message: string,
    readonly statusCode?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Microphone or speaker could not be used (permission, device gone). */
export class MediaDeviceError extends SoftphoneError {
  override readonly name = 'MediaDeviceError' as const;
}

/** The dialled target cannot be turned into a SIP URI. */
export class InvalidTargetError extends SoftphoneError {
  override readonly name = 'InvalidTargetError' as const;
}

/** The digits are not valid DTMF (`0-9 * # A-D ,`). */
export class InvalidDtmfError extends SoftphoneError {
  override readonly name = 'InvalidDtmfError' as const;
}

/**
 * A call is connected in SIP but no media path ever came up: ICE/DTLS never connected and no audio arrived. The
 * usual causes: the PBX offered no ICE candidate this browser can reach (Asterisk never offers loopback addresses),
 * or UDP to the PBX's media ports is blocked.
 */
export class NoMediaError extends SoftphoneError {
  override readonly name = 'NoMediaError' as const;
  constructor(
    message: string,
    /** The call without media. */
    readonly callId: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Union of every error type sip-core produces. */
export type AnySoftphoneError =
  | SoftphoneNotReadyError
  | SipAccountError
  | SipRegistrationError
  | CallStateError
  | CallNotFoundError
  | RenegotiationError
  | TransferError
  | MediaDeviceError
  | InvalidDtmfError
  | InvalidTargetError
  | NoMediaError;
