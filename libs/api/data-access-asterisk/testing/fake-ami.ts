import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';

/** One action as the fake received it: its fields in order (`Action`, `ActionID`, ...). */
export type ReceivedAction = readonly (readonly [string, string])[];

/**
 * Asterisk's manager interface on a loopback port, as far as Switchboard uses it: the banner, Login (checks the
 * secret), Logoff, GetConfig and UpdateConfig over in-memory files (NewCat, DelCat, EmptyCat, Append, with
 * Asterisk's refusal of an unknown category), and Success for any other action. `refuse()` makes an action fail as
 * Asterisk answers it (`Response: Error`).
 */
export class FakeAmi {
  /** Every action after login, in order, without the Login (it carries the secret). */
  readonly actions: ReceivedAction[] = [];
  /** Config files: file → category → lines (`var=value`). */
  readonly files = new Map<string, Map<string, string[]>>();
  private readonly refusals = new Map<string, string>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;

  constructor(
    private readonly user: string,
    private readonly secret: string,
  ) {}

  async start(): Promise<number> {
    const server = createServer((socket) => this.serve(socket));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The next `action` is answered `Response: Error` with `message`. */
  refuse(action: string, message: string): void {
    this.refusals.set(action.toLowerCase(), message);
  }

  /** The actions named `action`, as field maps. */
  received(action: string): Record<string, string>[] {
    return this.actions
      .filter((fields) => fields[0]?.[1].toLowerCase() === action.toLowerCase())
      .map((fields) => Object.fromEntries(fields));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.setEncoding('utf8');
    socket.write('Asterisk Call Manager/11.0.0\r\n');
    let buffer = '';
    let loggedIn = false;
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n\r\n'); end >= 0; end = buffer.indexOf('\r\n\r\n')) {
        const fields = buffer
          .slice(0, end)
          .split('\r\n')
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as const);
        buffer = buffer.slice(end + 4);
        const get = (key: string) => fields.find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1] ?? '';
        const action = get('Action').toLowerCase();
        const reply = (lines: string[]) =>
          socket.write(`${[...lines, `ActionID: ${get('ActionID')}`].join('\r\n')}\r\n\r\n`);
        if (action === 'login') {
          loggedIn = get('Username') === this.user && get('Secret') === this.secret;
          reply(
            loggedIn
              ? ['Response: Success', 'Message: Authentication accepted']
              : ['Response: Error', 'Message: Authentication failed'],
          );
          continue;
        }
        if (!loggedIn) {
          reply(['Response: Error', 'Message: Permission denied']);
          continue;
        }
        this.actions.push(fields);
        const refusal = this.refusals.get(action);
        this.refusals.delete(action);
        if (refusal) reply(['Response: Error', `Message: ${refusal}`]);
        else if (action === 'getconfig') reply(this.getConfig(get('Filename')));
        else if (action === 'updateconfig') reply(this.updateConfig(get('SrcFilename'), get));
        else if (action === 'logoff') {
          reply(['Response: Goodbye', 'Message: Thanks for all the fish.']);
          socket.end();
        } else reply(['Response: Success']);
      }
    });
  }

  private getConfig(file: string): string[] {
    const categories = this.files.get(file);
    if (!categories) return ['Response: Error', 'Message: Config file not found'];
    return [
      'Response: Success',
      ...[...categories.keys()].map((name, i) => `Category-${String(i).padStart(6, '0')}: ${name}`),
    ];
  }

  private updateConfig(file: string, get: (key: string) => string): string[] {
    const current = this.files.get(file);
    if (!current) return ['Response: Error', 'Message: Config file not found'];
    // Asterisk applies the numbered edits to a copy and writes it only when every edit applied.
    const next = new Map([...current].map(([name, lines]) => [name, [...lines]]));
    for (let i = 0; get(`Action-${String(i).padStart(6, '0')}`); i++) {
      const n = String(i).padStart(6, '0');
      const [edit, category] = [get(`Action-${n}`).toLowerCase(), get(`Cat-${n}`)];
      if (edit === 'newcat') next.set(category, []);
      else if (!next.has(category)) return ['Response: Error', 'Message: Given category does not exist'];
      else if (edit === 'delcat') next.delete(category);
      else if (edit === 'emptycat') next.set(category, []);
      else if (edit === 'append') next.get(category)?.push(`${get(`Var-${n}`)}=${get(`Value-${n}`)}`);
    }
    this.files.set(file, next);
    return ['Response: Success'];
  }
}
