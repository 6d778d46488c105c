import type { AgentServerToClientEvents, PhoneHealthReportInput } from '@switchboard/shared/contracts';
import type { AgentSocket } from '../src/lib/agent-socket/agent-live-socket';

type ServerEvent = keyof AgentServerToClientEvents;

/** Just enough of the `/agent` socket for console tests: records what the console emits, and plays the server. */
export class FakeAgentSocket {
  connected = false;
  readonly healthReports: PhoneHealthReportInput[] = [];
  readonly renewals: string[] = [];
  private readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();

  connect(): this {
    this.connected = true;
    return this;
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  emit(event: string, payload: unknown): this {
    if (event === 'phone.health') this.healthReports.push(payload as PhoneHealthReportInput);
    if (event === 'auth.renew') this.renewals.push((payload as { token: string }).token);
    return this;
  }
  on(event: string, handler: (...args: unknown[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  /** The server sends `event` to the console, as socket.io delivers it to the `on` handlers. */
  serverEmit<E extends ServerEvent>(event: E, ...args: Parameters<AgentServerToClientEvents[E]>): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }

  /** This fake where the console expects a socket.io client. */
  asSocket(): AgentSocket {
    return this as unknown as AgentSocket;
  }
}
