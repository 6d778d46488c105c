import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { CallInfo } from '@switchboard/telephony/sip-core';
import { formatDuration, injectNow } from '../util/time';

/** Header names (lower case) the PBX may put on a queue call's INVITE to the agent. */
const QUEUE_HEADERS = ['x-switchboard-queue', 'x-queue', 'x-cc-queue'];
const JOINED_HEADERS = ['x-switchboard-queue-joined', 'x-cc-queue-joined-epoch'];
/** Web calls (click-to-call): the call button's name and the visitor's page, percent-encoded by the API. */
const WEB_BUTTON_HEADER = 'x-switchboard-web-button';
const WEB_PAGE_HEADER = 'x-switchboard-web-page';

/** Percent-decoding that shows the raw value rather than nothing when it is not valid encoding. */
function decodeHeader(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    // URIError: a PBX that sent the value unencoded.
    return value;
  }
}

/** What the agent should know about a ringing call before answering it. */
export interface IncomingCallFacts {
  readonly caller: string;
  readonly number: string;
  readonly queue?: string;
  /** When the caller started waiting (queue entry, else when the INVITE arrived), ms since epoch. */
  readonly waitingSince: number;
  /** Set when the caller pressed a call button on a web page: its name and the page. */
  readonly web?: { readonly button: string; readonly page?: string };
}

/** Reads caller ID, queue and waiting start from a ringing call. */
export function incomingCallFacts(call: CallInfo): IncomingCallFacts {
  const headers = Object.fromEntries(Object.entries(call.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const queue = QUEUE_HEADERS.map((name) => headers[name]).find(Boolean);
  const joined = JOINED_HEADERS.map((name) => Number(headers[name])).find((epoch) => Number.isFinite(epoch) && epoch > 0);
  const button = decodeHeader(headers[WEB_BUTTON_HEADER]);
  return {
    ...(button ? { web: { button, page: decodeHeader(headers[WEB_PAGE_HEADER]) } } : {}),
    caller: call.remoteDisplayName || call.remoteIdentity,
    number: call.remoteIdentity,
    queue: queue?.replace(/@.*$/, ''),
    // Epoch seconds from FreeSWITCH; milliseconds when the value is already that large.
    waitingSince: joined === undefined ? call.startedAt : joined < 1e12 ? joined * 1000 : joined,
  };
}

/** A ringing call: who calls, from which queue, how long they have waited; answer or reject. */
@Component({
  selector: 'sb-incoming-call',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="incoming" aria-live="assertive" aria-labelledby="incoming-title" data-testid="incoming-call">
      <h2 id="incoming-title" class="title" data-testid="incoming-title">{{ title() }}</h2>
      <p class="caller" data-testid="incoming-caller">{{ facts().caller }}</p>
      @if (facts().caller !== facts().number) {
        <p class="sb-hint">{{ facts().number }}</p>
      }
      <dl class="facts">
        <dt>Queue</dt>
        <dd data-testid="incoming-queue">{{ facts().queue ?? 'Direct call' }}</dd>
        @if (facts().web?.page; as page) {
          <dt>Page</dt>
          <dd class="page" data-testid="incoming-page" [title]="page">{{ page }}</dd>
        }
        <dt>Waiting</dt>
        <dd data-testid="incoming-waited" role="timer">{{ waited() }}</dd>
      </dl>
      <div class="actions">
        <button type="button" class="sb-btn sb-btn--primary answer" data-testid="answer" (click)="answer.emit()">
          Answer <kbd>A</kbd>
        </button>
        <button type="button" class="sb-btn sb-btn--danger" data-testid="reject" (click)="reject.emit()">Reject</button>
      </div>
    </section>
  `,
  styles: `
    .incoming { display: flex; flex-direction: column; gap: var(--sb-space-2); padding: var(--sb-space-4);
      border: 2px solid var(--sb-color-success); border-radius: var(--sb-radius); background: var(--sb-color-success-soft); }
    .title { font-size: var(--sb-font-size-sm); text-transform: uppercase; letter-spacing: 0.04em; color: var(--sb-color-success); }
    .caller { font-size: 20px; font-weight: 600; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: var(--sb-space-1) var(--sb-space-3); margin: 0; }
    .facts dt { color: var(--sb-color-text-muted); }
    .facts dd { margin: 0; font-weight: 500; }
    .facts .page { overflow-wrap: anywhere; font-weight: 400; }
    .actions { display: flex; gap: var(--sb-space-2); }
    .answer { min-width: 120px; }
    kbd { font: inherit; font-size: 11px; opacity: 0.8; border: 1px solid currentColor; border-radius: 3px; padding: 0 3px; }
  `,
})
export class IncomingCall {
  /** The ringing call. */
  readonly call = input.required<CallInfo>();
  /** The agent answers. */
  readonly answer = output();
  /** The agent declines (486 Busy Here). */
  readonly reject = output();

  private readonly now = injectNow();
  protected readonly facts = computed(() => incomingCallFacts(this.call()));
  protected readonly title = computed(() => {
    const web = this.facts().web;
    return web ? `Web call — ${web.button}` : 'Incoming call';
  });
  protected readonly waited = computed(() => formatDuration(this.now() - this.facts().waitingSince));
}
