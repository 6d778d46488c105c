// The benchmark's own Event Socket connection to FreeSWITCH: `api` commands (callcenter_config, show calls count,
// status) and FreeSWITCH's own account of each call (CHANNEL_HANGUP_COMPLETE), to check the product's records
// against. Deliberately independent of the product's ESL client: a bug there must not hide here.
import { type Socket, connect } from 'node:net';

/** One event's headers, URL-decoded. */
export type FsEvent = Readonly<Record<string, string>>;

interface Frame {
  headers: Record<string, string>;
  body: string;
}

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray '%' in a value: keep it as FreeSWITCH sent it.
    return value;
  }
};

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0) headers[line.slice(0, colon)] = decode(line.slice(colon + 2));
  }
  return headers;
}

/** A plain-text event socket client: one command at a time, events as they come. */
export class FsEventSocket {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: ((frame: Frame) => void)[] = [];
  private onEvent: ((event: FsEvent, receivedMs: number) => void) | undefined;
  private onLog: ((level: number, line: string, receivedMs: number) => void) | undefined;

  private constructor(private readonly socket: Socket) {}

  /** Connects and authenticates; rejects after 10 s. */
  static connect(password: string, host = '127.0.0.1', port = 8021): Promise<FsEventSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      const client = new FsEventSocket(socket);
      const timer = setTimeout(() => (socket.destroy(), reject(new Error('ESL: no answer within 10 s'))), 10_000);
      socket.once('error', (error) => (clearTimeout(timer), reject(error)));
      socket.on('data', (chunk: Buffer) => client.read(chunk));
      client.waiting.push((greeting) => {
        if (greeting.headers['Content-Type'] !== 'auth/request') return reject(new Error('ESL: no auth/request'));
        socket.write(`auth ${password}\n\n`);
        client.waiting.push((reply) => {
          clearTimeout(timer);
          if (reply.headers['Reply-Text']?.startsWith('+OK')) resolve(client);
          else reject(new Error(`ESL auth refused: ${reply.headers['Reply-Text']}`));
        });
      });
    });
  }

  /** Runs an API command and resolves with its output (trimmed); rejects after `timeoutMs`. */
  api(command: string, timeoutMs = 15_000): Promise<string> {
    return this.send(`api ${command}`, timeoutMs).then((frame) => frame.body.trim());
  }

  /** Subscribes to plain events; `listener` gets each with the local time it was read. */
  async subscribe(events: string, listener: (event: FsEvent, receivedMs: number) => void): Promise<void> {
    this.onEvent = listener;
    const reply = await this.send(`event plain ${events}`, 10_000);
    if (!reply.headers['Reply-Text']?.startsWith('+OK')) throw new Error(`ESL: ${reply.headers['Reply-Text']}`);
  }

  /** Asks for FreeSWITCH's log lines at `level` and above (4 = WARNING, 3 = ERR, 2 = CRIT, 1 = ALERT). */
  async followLog(level: number, listener: (level: number, line: string, receivedMs: number) => void): Promise<void> {
    this.onLog = listener;
    const reply = await this.send(`log ${level}`, 10_000);
    if (!reply.headers['Reply-Text']?.startsWith('+OK')) throw new Error(`ESL: ${reply.headers['Reply-Text']}`);
  }

  close(): void {
    this.socket.end('exit\n\n');
    this.socket.destroy();
  }

  private send(command: string, timeoutMs: number): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`ESL: no reply to "${command}" in ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((frame) => (clearTimeout(timer), resolve(frame)));
      this.socket.write(`${command}\n\n`);
    });
  }

  private read(chunk: Buffer): void {
    const receivedMs = Date.now();
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return;
      const headers = parseHeaders(this.buffer.subarray(0, end).toString());
      const length = Number(headers['Content-Length'] ?? 0);
      if (this.buffer.length < end + 2 + length) return;
      const body = this.buffer.subarray(end + 2, end + 2 + length).toString();
      this.buffer = this.buffer.subarray(end + 2 + length);
      if (headers['Content-Type'] === 'text/event-plain') this.onEvent?.(parseHeaders(body), receivedMs);
      else if (headers['Content-Type'] === 'log/data')
        this.onLog?.(Number(headers['Log-Level'] ?? 7), body.trim(), receivedMs);
      else if (headers['Content-Type'] !== 'text/disconnect-notice') this.waiting.shift()?.({ headers, body });
    }
  }
}
