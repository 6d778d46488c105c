import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

type Fields = Record<string, string>;

/**
 * ARI's dynamic configuration API as Asterisk 23 answers it, for tests without Asterisk: Basic auth (401 without),
 * PUT creates an object or updates the fields it names (keeping the others) and answers the object's fields, GET 404 when missing, DELETE 204 or 404. `objects` is
 * what Asterisk would hold, keyed `type/id`; `startupTime` changes on {@link FakeAri.restart} (memory is lost).
 */
export class FakeAri {
  readonly objects = new Map<string, Fields>();
  startupTime = new Date().toISOString();
  /** Whether requests are answered; false makes the server answer 503 as an Asterisk still loading does. */
  up = true;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly user: string,
    private readonly password: string,
  ) {}

  static async start(user = 'switchboard', password = 'fake-ari-secret'): Promise<FakeAri> {
    const handlers: ((req: IncomingMessage, res: ServerResponse) => Promise<void>)[] = [];
    const server = createServer((req, res) => void handlers[0]?.(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeAri(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, user, password);
    handlers.push((req, res) => fake.handle(req, res));
    return fake;
  }

  /** Asterisk restarted: everything written over ARI is gone (sorcery memory). */
  restart(): void {
    this.objects.clear();
    this.startupTime = new Date(Date.now() + 1000).toISOString();
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const expected = `Basic ${Buffer.from(`${this.user}:${this.password}`).toString('base64')}`;
    const send = (status: number, body?: unknown): void => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.headers.authorization !== expected) return send(401, { message: 'Authentication required' });
    if (!this.up) return send(503, { message: 'Asterisk is not ready' });
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/ari/asterisk/info')
      return send(200, { build: { version: '23.4.1' }, status: { startup_time: this.startupTime } });
    const match = /^\/ari\/asterisk\/config\/dynamic\/res_pjsip\/(endpoint|aor|auth)\/([^/]+)$/.exec(url.pathname);
    if (!match) return send(404, { message: 'Resource not found' });
    const key = `${match[1]}/${decodeURIComponent(match[2] ?? '')}`;
    const existing = this.objects.get(key);
    const asFields = (fields: Fields): { attribute: string; value: string }[] =>
      Object.entries(fields).map(([attribute, value]) => ({ attribute, value }));
    switch (req.method) {
      case 'PUT': {
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as {
          fields?: { attribute: string; value: string }[];
        };
        // As Asterisk does: a PUT on an existing object changes the fields it names and keeps the others.
        const fields = { ...existing, ...Object.fromEntries((body.fields ?? []).map((f) => [f.attribute, f.value])) };
        this.objects.set(key, fields);
        return send(200, asFields(fields));
      }
      case 'GET':
        return existing ? send(200, asFields(existing)) : send(404, { message: 'Object not found' });
      case 'DELETE':
        if (!existing) return send(404, { message: 'Object not found' });
        this.objects.delete(key);
        return send(204);
      case undefined:
      default:
        return send(405, { message: 'Method not allowed' });
    }
  }
}
