import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AgentStatusChangeResult, AgentStatusDto, WrapUpResultDto } from '@switchboard/shared/contracts';
import { AgentStatusStore } from './agent-status-store';

const AT = Date.parse('2026-11-30T12:00:00.000Z');

function statusOf(overrides: Partial<AgentStatusDto> = {}): AgentStatusDto {
  return {
    agentId: 'agent-1',
    agentName: '1001@sb.test',
    extensionNumber: '1001',
    status: 'AVAILABLE',
    reasonCode: null,
    since: '2026-11-30T11:00:00.000Z',
    setBy: 'agent',
    state: 'WAITING',
    activity: 'IDLE',
    wrapUp: null,
    next: null,
    ...overrides,
  };
}

/** Lets the store's awaits after a flushed response run. */
const settle = (): Promise<void> => Promise.resolve().then(() => undefined);

describe('AgentStatusStore', () => {
  let store: AgentStatusStore;
  let http: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers({ now: AT });
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AgentStatusStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('loads the current status', async () => {
    const loading = store.load();
    http.expectOne({ method: 'GET', url: '/api/me/status' }).flush(statusOf({ status: 'ON_BREAK', reasonCode: 'LUNCH' }));
    await loading;
    expect(store.status()).toBe('ON_BREAK');
    expect(store.reasonCode()).toBe('LUNCH');
    expect(store.since()).toEqual(new Date('2026-11-30T11:00:00.000Z'));
    expect(store.activity()).toBe('IDLE');
    expect(store.wrapUpSecondsLeft()).toBeNull();
  });

  it('queues a break for after the call and keeps the current status meanwhile', async () => {
    const next = { status: 'ON_BREAK' as const, reasonCode: 'TRAINING' as const, requestedAt: '2026-11-30T12:00:00.000Z' };
    const changing = store.change('ON_BREAK', { reasonCode: 'TRAINING', when: 'after-call' });
    expect(store.busy()).toBe(true);
    const request = http.expectOne({ method: 'PUT', url: '/api/me/status' });
    expect(request.request.body).toEqual({ status: 'ON_BREAK', reasonCode: 'TRAINING', when: 'after-call' });
    request.flush({ ...statusOf({ activity: 'ON_CALL', next }), pbxSync: null } satisfies AgentStatusChangeResult);
    expect(await changing).toBe(true);
    expect(store.busy()).toBe(false);
    expect(store.status()).toBe('AVAILABLE');
    expect(store.next()).toEqual(next);
    expect(store.pbxSync()).toBeNull();
  });

  it('reports a change FreeSWITCH has not taken yet', async () => {
    const changing = store.change('AVAILABLE');
    http
      .expectOne('/api/me/status')
      .flush({ ...statusOf(), pbxSync: { status: 'pending', message: 'FreeSWITCH is not connected' } } satisfies AgentStatusChangeResult);
    await changing;
    expect(store.pbxSync()).toEqual({ status: 'pending', message: 'FreeSWITCH is not connected' });
  });

  it('shows the API’s reason when a change is refused, and keeps the last good status', async () => {
    const loading = store.load();
    http.expectOne('/api/me/status').flush(statusOf());
    await loading;
    const changing = store.change('ON_BREAK');
    http
      .expectOne({ method: 'PUT', url: '/api/me/status' })
      .flush(
        { statusCode: 400, error: 'ValidationError', message: 'reasonCode is required when going on break' },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(await changing).toBe(false);
    expect(store.error()).toBe('reasonCode is required when going on break');
    expect(store.status()).toBe('AVAILABLE');
  });

  it('counts the wrap-up down and asks again once its deadline has passed', async () => {
    const wrapUp = { callUuid: 'call-1', endedAt: '2026-11-30T11:59:58.000Z', deadline: '2026-11-30T12:00:08.000Z' };
    const loading = store.load();
    http.expectOne('/api/me/status').flush(statusOf({ activity: 'WRAP_UP', wrapUp, next: { status: 'LOGGED_OUT', reasonCode: null, requestedAt: '2026-11-30T11:59:00.000Z' } }));
    await loading;
    expect(store.wrapUpDeadline()).toEqual(new Date('2026-11-30T12:00:08.000Z'));
    expect(store.wrapUpSecondsLeft()).toBe(8);
    jest.advanceTimersByTime(3_000);
    expect(store.wrapUpSecondsLeft()).toBe(5);
    jest.advanceTimersByTime(5_000);
    expect(store.wrapUpSecondsLeft()).toBe(0);
    http.expectNone('/api/me/status');
    jest.advanceTimersByTime(1_500);
    http.expectOne('/api/me/status').flush(statusOf({ status: 'LOGGED_OUT' }));
    await settle();
    expect(store.status()).toBe('LOGGED_OUT');
    expect(store.activity()).toBe('IDLE');
    expect(store.wrapUpSecondsLeft()).toBeNull();
  });

  it('takes the status after a wrap-up, where a queued break has started', async () => {
    const submitting = store.submitWrapUp('call-1', { disposition: 'RESOLVED', notes: 'done' });
    const request = http.expectOne({ method: 'PUT', url: '/api/me/calls/call-1/wrap-up' });
    expect(request.request.body).toEqual({ disposition: 'RESOLVED', notes: 'done' });
    const result = {
      call: { uuid: 'call-1', disposition: 'RESOLVED' } as WrapUpResultDto['call'],
      status: statusOf({ status: 'ON_BREAK', reasonCode: 'TRAINING' }),
      pbxSync: { status: 'applied', message: 'FreeSWITCH set 1001@sb.test to On Break.' },
    } satisfies WrapUpResultDto;
    request.flush(result);
    expect(await submitting).toEqual(result);
    expect(store.status()).toBe('ON_BREAK');
    expect(store.pbxSync()?.status).toBe('applied');
  });

  it('drops an answer to a read that a newer change overtook', async () => {
    const loading = store.load();
    const changing = store.change('ON_BREAK', { reasonCode: 'LUNCH' });
    const [read, write] = http.match('/api/me/status');
    write?.flush({ ...statusOf({ status: 'ON_BREAK', reasonCode: 'LUNCH' }), pbxSync: { status: 'applied', message: 'ok' } });
    await changing;
    read?.flush(statusOf({ status: 'AVAILABLE' }));
    await loading;
    expect(store.status()).toBe('ON_BREAK');
  });
});
