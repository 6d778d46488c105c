import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { apiResponseFrame, authRequestFrame, commandReplyFrame, disconnectNoticeFrame } from './wire';

/** A command block a client sent: its first line, its extra header lines, when, and on which connection. */
export interface ReceivedCommand {
  readonly connectionId: number;
  /** The command line, e.g. `auth ClueCon`, `event plain CHANNEL_CREATE ...`, `api status`. */
  readonly line: string;
  /** Header lines after the command line (bgapi's `Job-UUID`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly at: number;
}

/** What a session needs from the simulator that owns it. */
export interface SessionHost {
  readonly password: string;
  /** When false, commands are recorded but never answered (to test command timeouts). */
  readonly respondToCommands: boolean;
  record(command: ReceivedCommand): void;
  /** Resolves when the reply to `command` may be written (reply delays, held replies). */
  replyGate(command: ReceivedCommand): Promise<void>;
  runApi(name: string, args: string, connectionId: number): Promise<string>;
  startBackgroundJob(jobUuid: string, name: string, args: string, connectionId: number): void;
  subscribed(session: SimulatorSession): void;
}

/**
 * One client socket, handled like mod_event_socket does: auth/request first, `auth` before anything else, replies
 * strictly in the order commands arrived (an `api` that takes time holds up the commands behind it), events only
 * after an `event` command, filtered by its list (every word after CUSTOM is a subclass).
 */
export class SimulatorSession {
  format: 'plain' | 'json' | undefined;
  authed = false;
  private all = false;
  private readonly names = new Set<string>();
  private readonly subclasses = new Set<string>();
  private pending = '';
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly host: SessionHost,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined);
    this.write(authRequestFrame());
  }

  /** Whether this client asked for events of this name (and subclass). */
  wants(name: string, subclass: string | undefined): boolean {
    if (!this.authed || this.format === undefined) return false;
    if (this.all) return true;
    if (!this.names.has(name)) return false;
    return name !== 'CUSTOM' || subclass === undefined || this.subclasses.has(subclass);
  }

  write(bytes: Buffer): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(bytes);
  }

  /** Sends the disconnect notice and closes, as FreeSWITCH does after `exit` or a wrong password. */
  goodbye(): void {
    this.write(disconnectNoticeFrame());
    this.socket.end();
  }

  private onData(chunk: Buffer): void {
    this.pending += chunk.toString('utf8').replace(/\r\n/g, '\n');
    let end: number;
    while ((end = this.pending.indexOf('\n\n')) !== -1) {
      const block = this.pending.slice(0, end).replace(/^\n+/, '');
      this.pending = this.pending.slice(end + 2);
      if (block.trim() === '') continue;
      const [line = '', ...headerLines] = block.split('\n');
      const headers: Record<string, string> = {};
      for (const headerLine of headerLines) {
        const colon = headerLine.indexOf(':');
        if (colon > 0) headers[headerLine.slice(0, colon).trim()] = headerLine.slice(colon + 1).trim();
      }
      const command: ReceivedCommand = { connectionId: this.id, line: line.trim(), headers, at: Date.now() };
      this.host.record(command);
      this.chain = this.chain
        .then(() => this.execute(command))
        .catch((error: unknown) => this.write(apiResponseFrame(`-ERR simulator failure: ${String(error)}\n`)));
    }
  }

  private async execute(command: ReceivedCommand): Promise<void> {
    if (!this.host.respondToCommands || this.socket.destroyed) return;
    const { line, headers } = command;
    const space = line.indexOf(' ');
    const verb = (space === -1 ? line : line.slice(0, space)).toLowerCase();
    const rest = space === -1 ? '' : line.slice(space + 1).trim();
    if (verb === 'api' && this.authed) {
      // Answered from the state at arrival; the reply may then wait while events flow (reply-gate.ts).
      const [name = '', args = ''] = splitOnce(rest);
      const output = await this.host.runApi(name, args, this.id);
      await this.host.replyGate(command);
      return this.write(apiResponseFrame(output));
    }
    await this.host.replyGate(command);
    if (this.socket.destroyed) return;
    if (!this.authed) {
      if (verb === 'auth' && rest === this.host.password) {
        this.authed = true;
        return this.write(commandReplyFrame('+OK accepted'));
      }
      this.write(commandReplyFrame('-ERR invalid'));
      return this.goodbye();
    }
    switch (verb) {
      case 'event':
        return this.subscribe(rest);
      case 'noevents':
        this.format = undefined;
        this.all = false;
        this.names.clear();
        this.subclasses.clear();
        return this.write(commandReplyFrame('+OK no longer listening for events'));
      case 'bgapi': {
        const [name = '', args = ''] = splitOnce(rest);
        const jobUuid = headers['Job-UUID'] ?? randomUUID();
        this.write(commandReplyFrame(`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]));
        return this.host.startBackgroundJob(jobUuid, name, args, this.id);
      }
      case 'exit':
        this.write(commandReplyFrame('+OK bye'));
        return this.goodbye();
      case 'filter':
      case 'nixevent':
      case 'log':
      case 'nolog':
      case 'linger':
        return this.write(commandReplyFrame('+OK'));
      default:
        return this.write(commandReplyFrame('-ERR command not found'));
    }
  }

  private subscribe(text: string): void {
    const [format, ...words] = text.split(/\s+/).filter((word) => word !== '');
    if (format !== 'plain' && format !== 'json')
      return this.write(commandReplyFrame(`-ERR invalid format ${format ?? ''} (the simulator speaks plain and json)`));
    this.format = format;
    let custom = false;
    for (const word of words) {
      if (custom) this.subclasses.add(word);
      else if (word.toUpperCase() === 'ALL') this.all = true;
      else {
        this.names.add(word.toUpperCase());
        custom = word.toUpperCase() === 'CUSTOM';
      }
    }
    this.write(commandReplyFrame(`+OK event listener enabled ${format}`));
    this.host.subscribed(this);
  }
}

function splitOnce(text: string): [string, string] {
  const space = text.indexOf(' ');
  return space === -1 ? [text, ''] : [text.slice(0, space), text.slice(space + 1)];
}
