import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DialCheckResultDto, SipRegistrationDto } from '@switchboard/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { AgentDeskApi } from './agent-desk-api';

describe('AgentDeskApi', () => {
  let api: AgentDeskApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(AgentDeskApi);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('fetches the SIP registration', async () => {
    const registration: SipRegistrationDto = {
      extension: '1001',
      authorizationUser: '1001',
      domain: 'sb.test',
      realm: 'sb.test',
      uri: 'sip:1001@sb.test',
      wsUrl: 'wss://sb.test:7443',
      pbx: 'freeswitch',
      displayName: 'Ann',
      ha1: '0'.repeat(32),
      expiresAt: '2026-12-01T09:00:00.000Z',
    };
    const answer = firstValueFrom(api.sipRegistration());
    http.expectOne({ method: 'GET', url: '/api/me/sip' }).flush(registration);
    expect(await answer).toEqual(registration);
  });

  it('sends a status change as the contract says', async () => {
    const answer = firstValueFrom(api.setStatus({ status: 'ON_BREAK', reasonCode: 'LUNCH', when: 'after-call' }));
    const request = http.expectOne({ method: 'PUT', url: '/api/me/status' });
    expect(request.request.body).toEqual({ status: 'ON_BREAK', reasonCode: 'LUNCH', when: 'after-call' });
    request.flush({ status: 'AVAILABLE', pbxSync: null });
    expect(await answer).toMatchObject({ status: 'AVAILABLE' });
  });

  it('pages through the call history', async () => {
    const answer = firstValueFrom(api.calls({ page: 2, pageSize: 10 }));
    http
      .expectOne({ method: 'GET', url: '/api/me/calls?page=2&pageSize=10' })
      .flush({ items: [], total: 10, page: 2, pageSize: 10 });
    expect((await answer).total).toBe(10);
    const defaults = firstValueFrom(api.calls());
    http.expectOne({ method: 'GET', url: '/api/me/calls' }).flush({ items: [], total: 0, page: 1, pageSize: 20 });
    await defaults;
  });

  it('puts the wrap-up on the call, with its UUID escaped', async () => {
    const answer = firstValueFrom(api.wrapUp('a/b', { disposition: 'RESOLVED', notes: 'ok' }));
    const request = http.expectOne({ method: 'PUT', url: '/api/me/calls/a%2Fb/wrap-up' });
    expect(request.request.body).toEqual({ disposition: 'RESOLVED', notes: 'ok' });
    request.flush({ call: {}, status: {}, pbxSync: null });
    await answer;
  });

  it('asks whether a destination may be dialled', async () => {
    const verdict: DialCheckResultDto = {
      destination: '0301234567',
      kind: 'NATIONAL',
      allowed: false,
      requiredClass: 'NATIONAL',
      outboundClass: 'LOCAL',
      message: 'no',
    };
    const answer = firstValueFrom(api.dialCheck('030 1234567'));
    const request = http.expectOne({ method: 'POST', url: '/api/me/dial-check' });
    expect(request.request.body).toEqual({ destination: '030 1234567' });
    request.flush(verdict);
    expect(await answer).toEqual(verdict);
  });
});
