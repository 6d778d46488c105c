/** Options shared by every ESL error: the underlying cause and, when known, the node it concerns. */
export interface EslErrorOptions {
  readonly cause?: unknown;
  /** `EslNode.id` of the FreeSWITCH node involved, when the error concerns one. */
  readonly nodeId?: string;
}

abstract class EslErrorBase extends Error {
  readonly nodeId: string | undefined;
  constructor(message: string, options: EslErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.nodeId = options.nodeId;
  }
}

/** FreeSWITCH refused the password (`-ERR invalid`) or the connection (`text/rude-rejection`, ACL). */
export class EslAuthError extends EslErrorBase {
  override readonly name = 'EslAuthError';
}

/** A connect, handshake, command or background job did not complete in time, or heartbeats stopped arriving. */
export class EslTimeoutError extends EslErrorBase {
  override readonly name = 'EslTimeoutError';
}

/** The socket closed (or was never open) while a command was outstanding. */
export class EslConnectionClosedError extends EslErrorBase {
  override readonly name = 'EslConnectionClosedError';
}

/** Bytes from the peer do not follow the Event Socket framing, or a reply arrived that no command expects. */
export class EslProtocolError extends EslErrorBase {
  override readonly name = 'EslProtocolError';
}

/** FreeSWITCH answered a command with `-ERR ...` (or a `-USAGE` text where a table was expected). */
export class EslCommandError extends EslErrorBase {
  override readonly name = 'EslCommandError';
  constructor(
    message: string,
    /** The reply text or api/response body as FreeSWITCH sent it. */
    readonly reply: string,
    options: EslErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** A command argument could break out of its command (CR/LF, spaces, quotes...); nothing was sent. */
export class EslUnsafeArgumentError extends EslErrorBase {
  override readonly name = 'EslUnsafeArgumentError';
}

/** No FreeSWITCH node is configured (FREESWITCH_ESL is empty), so there is nobody to send the command to. */
export class EslNotConfiguredError extends EslErrorBase {
  override readonly name = 'EslNotConfiguredError';
}

/** A FREESWITCH_ESL entry is not like `esl://:PASSWORD@HOST:PORT` (thrown by `parseEslUrls`). */
export class EslConfigError extends EslErrorBase {
  override readonly name = 'EslConfigError';
}

/** Every error this library reports; switch on `name` to handle each. */
export type EslError =
  | EslAuthError
  | EslTimeoutError
  | EslConnectionClosedError
  | EslProtocolError
  | EslCommandError
  | EslUnsafeArgumentError
  | EslNotConfiguredError
  | EslConfigError;
