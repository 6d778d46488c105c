import type { PhoneHealthReportInput } from '@switchboard/shared/contracts';
import type { AgentSocket } from '../src/lib/phone-health/phone-health-reporter';

/** Just enough of the `/agent` socket for console tests: records what the console emits. */
export class FakeAgentSocket {
  connected = false;
  readonly healthReports: PhoneHealthReportInput[] = [];
  readonly renewals: string[] = [];

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

  /** This fake where the console expects a socket.io client. */
  asSocket(): AgentSocket {
    return this as unknown as AgentSocket;
  }
}
