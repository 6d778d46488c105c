import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { type AgentCallDto, DISPOSITION_LABELS, type DispositionCode } from '@switchboard/shared/contracts';
import { formatDuration } from '../util/time';

/** The agent's own recent calls. */
@Component({
  selector: 'sb-call-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    @if (calls().length === 0) {
      <p class="sb-hint" data-testid="call-history-empty">No calls yet.</p>
    } @else {
      <table class="sb-table" data-testid="call-history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">With</th>
            <th scope="col">Queue</th>
            <th scope="col">Talk</th>
            <th scope="col">Outcome</th>
            <th scope="col"><span class="sb-visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          @for (call of calls(); track call.uuid) {
            <tr data-testid="call-history-row">
              <td>{{ call.startedAt | date: 'short' }}</td>
              <td>
                <span aria-hidden="true">{{ call.direction === 'OUTBOUND' ? '↗' : '↙' }}</span>
                {{ peerOf(call) }}
              </td>
              <td [attr.title]="call.queue">{{ call.queueDisplayName ?? call.queue ?? '—' }}</td>
              <td>{{ call.talkSeconds === null ? 'missed' : duration(call.talkSeconds) }}</td>
              <td>{{ dispositionOf(call) }}</td>
              <td>
                @if (canRedial(call)) {
                  <button type="button" class="sb-btn sb-btn--small" (click)="redial.emit(redialNumber(call))">
                    Call back
                  </button>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
  `,
})
export class CallHistory {
  /** Newest first, as `GET /api/me/calls` answers. */
  readonly calls = input<readonly AgentCallDto[]>([]);
  /** Whether the phone can place a call now. */
  readonly canDial = input(true);
  /** The agent wants to call this number back. */
  readonly redial = output<string>();

  protected peerOf(call: AgentCallDto): string {
    const inbound = call.direction !== 'OUTBOUND';
    const name = inbound ? call.fromName : call.toName;
    const number = inbound ? call.fromNumber : call.toNumber;
    return name && number && name !== number ? `${name} (${number})` : (name ?? number ?? 'Unknown');
  }

  protected dispositionOf(call: AgentCallDto): string {
    if (!call.disposition) return '—';
    return DISPOSITION_LABELS[call.disposition as DispositionCode] ?? call.disposition;
  }

  protected duration(seconds: number): string {
    return formatDuration(seconds * 1000);
  }

  protected redialNumber(call: AgentCallDto): string {
    return (call.direction === 'OUTBOUND' ? call.toNumber : call.fromNumber) ?? '';
  }

  protected canRedial(call: AgentCallDto): boolean {
    return this.canDial() && this.redialNumber(call) !== '';
  }
}
