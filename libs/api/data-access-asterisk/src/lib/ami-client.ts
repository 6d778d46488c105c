import { type Socket, connect } from 'node:net';

/** An AMI exchange failed: Asterisk unreachable, the login refused, an action refused, or no answer in time. */
export class AmiRequestError extends Error {
  override readonly name = 'AmiRequestError';
  constructor(
    message: string,
    /** The action Asterisk refused (never its other fields), when it was one. */
    readonly action: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One AMI action: `Action` plus its fields, in order. Numbered fields (`Action-000000`) are ordinary keys. */
export interface AmiAction {
  readonly action: string;
  readonly fields?: readonly (readonly [string, string])[];
}

/** One AMI response: its `Key: Value` lines (a repeated key keeps its last value). */
export type AmiResponse = Readonly<Record<string, string>>;

export interface AmiClientOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** For the whole exchange (default 5 s). */
  readonly timeoutMs?: number;
}

/** A key or value with a line break would end the AMI message early and let the rest pass as another action. */
const LINE_BREAK = /[\r\n]/;

function encode(id: string, action: string, fields: readonly (readonly [string, string])[]): string {
  const lines = [['Action', action] as const, ['ActionID', id] as const, ...fields];
  for (const [key, value] of lines)
    if (LINE_BREAK.test(key) || LINE_BREAK.test(value))
      throw new AmiRequestError(`refusing a line break in field ${JSON.stringify(key.slice(0, 40))}`, action);
  return `${lines.map(([key, value]) => `${key}: ${value}`).join('\r\n')}\r\n\r\n`;
}

function parse(block: string): AmiResponse {
  const message: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) message[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return message;
}

/**
 * The Asterisk Manager Interface, as far as Switchboard needs it: one short connection per batch (log in with events
 * off, run the actions in order, log off). Errors name the refused action and Asterisk's message, never a field:
 * a login carries the secret.
 */
export class AmiClient {
  constructor(private readonly options: AmiClientOptions) {}

  /** Runs `actions` in order and resolves with their responses; rejects at the first one Asterisk does not accept. */
  async run(actions: readonly AmiAction[]): Promise<AmiResponse[]> {
    const socket = connect({ host: this.options.host, port: this.options.port });
    const reader = new ResponseReader(socket);
    const timeoutMs = this.options.timeoutMs ?? 5_000;
    const timer = setTimeout(
      () => socket.destroy(new AmiRequestError(`no answer from AMI within ${timeoutMs} ms`, undefined)),
      timeoutMs,
    );
    try {
      await reader.banner();
      const login: AmiAction = {
        action: 'Login',
        fields: [
          ['Username', this.options.user],
          ['Secret', this.options.password],
          ['Events', 'off'],
        ],
      };
      await this.exchange(socket, reader, login, 0);
      const responses: AmiResponse[] = [];
      for (const [index, action] of actions.entries())
        responses.push(await this.exchange(socket, reader, action, index + 1));
      // Asterisk answers "Response: Goodbye" and closes.
      socket.write(encode('sb-logoff', 'Logoff', []));
      await reader.responseTo('sb-logoff');
      return responses;
    } finally {
      clearTimeout(timer);
      // Let the Logoff reach Asterisk before closing; a failed socket is already destroyed.
      socket.end(() => socket.destroy());
    }
  }

  private async exchange(socket: Socket, reader: ResponseReader, action: AmiAction, index: number) {
    const id = `sb-${index}`;
    socket.write(encode(id, action.action, action.fields ?? []));
    const response = await reader.responseTo(id);
    if (response['Response'] !== 'Success')
      throw new AmiRequestError(
        `Asterisk refused ${action.action}: ${response['Message'] ?? response['Response'] ?? 'no message'}`,
        action.action,
      );
    return response;
  }
}

/** Splits what the socket receives into the banner line and then blank-line separated messages. */
class ResponseReader {
  private buffer = '';
  private sawBanner = false;
  private waiter: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.waiter?.();
    });
    const fail = (error: Error): void => {
      this.failure = new AmiRequestError(`AMI connection failed: ${error.message}`, undefined, { cause: error });
      this.waiter?.();
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('closed by Asterisk')));
  }

  /** Waits for "Asterisk Call Manager/x.y.z". */
  async banner(): Promise<void> {
    while (!this.sawBanner) {
      const end = this.buffer.indexOf('\r\n');
      if (end >= 0) {
        if (!this.buffer.startsWith('Asterisk Call Manager/'))
          throw new AmiRequestError('the peer is not Asterisk’s AMI (no "Asterisk Call Manager" banner)', undefined);
        this.buffer = this.buffer.slice(end + 2);
        this.sawBanner = true;
      } else await this.more();
    }
  }

  /** The next message with this ActionID (events and other messages are skipped). */
  async responseTo(id: string): Promise<AmiResponse> {
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        await this.more();
        continue;
      }
      const message = parse(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 4);
      if (message['ActionID'] === id) return message;
    }
  }

  private more(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiter = () => {
        this.waiter = undefined;
        if (this.failure) reject(this.failure);
        else resolve();
      };
    });
  }
}
