import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { DirectoryNames, DirectoryNamesApi, queueBaseName } from './directory-names';

const agent = (n: number) => ({
  name: `${1000 + n}@default`,
  displayName: `Person ${n}`,
  extensionNumber: `${1000 + n}`,
});

describe('DirectoryNames', () => {
  const names = new DirectoryNames(
    new Map([
      ['1001@default', { displayName: 'Ann Lee', extension: '1001' }],
      ['desk@default', { displayName: 'Front desk', extension: null }],
    ]),
    new Map([['support', { displayName: 'Customer support', serviceLevelSeconds: 30 }]]),
  );

  it('names a provisioned agent by person and extension, and any other by the name it came with', () => {
    expect(names.agentText('1001@default')).toBe('Ann Lee · 1001');
    expect(names.agentText('desk@default')).toBe('Front desk');
    expect(names.agentText('9999@default')).toBe('9999@default');
  });

  it('names a queue by its display name, with or without the domain, and any other by its base name', () => {
    expect(names.queueText('support@default')).toBe('Customer support');
    expect(names.queueText('support')).toBe('Customer support');
    expect(names.queue('support@default')?.serviceLevelSeconds).toBe(30);
    expect(names.queueText('sales@default')).toBe('sales');
    expect(queueBaseName('sales@default')).toBe('sales');
  });
});

describe('DirectoryNamesApi', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('reads every page of agents (250 in pages of 200) and the queues', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const loaded = firstValueFrom(TestBed.inject(DirectoryNamesApi).load());

    const first = http.expectOne((r) => r.url === '/api/agents' && r.params.get('page') === '1');
    expect(first.request.params.get('pageSize')).toBe('200');
    first.flush({ items: Array.from({ length: 200 }, (_, i) => agent(i)), total: 250, page: 1, pageSize: 200 });
    http
      .expectOne((r) => r.url === '/api/agents' && r.params.get('page') === '2')
      .flush({ items: Array.from({ length: 50 }, (_, i) => agent(200 + i)), total: 250, page: 2, pageSize: 200 });
    http
      .expectOne((r) => r.url === '/api/queues')
      .flush({ items: [{ name: 'support', displayName: 'Customer support', serviceLevelSeconds: 20 }], total: 1 });

    const names = await loaded;
    expect(names.agentText('1000@default')).toBe('Person 0 · 1000');
    expect(names.agentText('1249@default')).toBe('Person 249 · 1249');
    expect(names.queueText('support@default')).toBe('Customer support');
  });
});
