import { randomUUID } from 'node:crypto';
import type {
  AgentReport,
  ApiErrorBody,
  IntervalReport,
  QueueReport,
  QueueTodayReport,
  ReportSettings,
} from '@switchboard/shared/contracts';
import { REPORTS_CLOCK, ReportDataRepository } from '@switchboard/api/feature-reports';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-02T11:30:00Z');
const at = (time: string) => new Date(`2026-11-02T${time}Z`);
const RANGE = 'from=2026-11-02T09:00:00Z&to=2026-11-02T12:00:00Z';
const ANN = '1001@sb.test';
const BOB = '1002@sb.test';

/** Reports over seeded call records; expectations are computed by hand in the comments. */
describe('reports (real PostgreSQL)', () => {
  let t: TestApp;
  let auth = { authorization: '' };
  const get = async <T>(path: string, status = 200) =>
    (await t.http().get(path).set(auth).expect(status)).body as T & ApiErrorBody;

  const seed = (queueName: string | null, joined: string, fields: object) => {
    const uuid = randomUUID();
    return t.prisma.call.create({
      data: {
        node: 'fs-test',
        uuid,
        channelUuids: [uuid],
        direction: 'INBOUND',
        queueName,
        startedAt: new Date(new Date(joined).getTime() - 2_000),
        queueJoinedAt: queueName ? new Date(joined) : null,
        ...fields,
      },
    });
  };
  const answered = (
    queue: string,
    joined: string,
    agentName: string,
    wait: number,
    talk: number,
    hold: number,
    wrap: number | null,
  ) =>
    seed(queue, joined, {
      agentName,
      waitSeconds: wait,
      talkSeconds: talk,
      holdSeconds: hold,
      wrapUpSeconds: wrap,
      queueOutcome: 'ANSWERED',
      bridgedAt: new Date(new Date(joined).getTime() + wait * 1000),
      endedAt: new Date(new Date(joined).getTime() + (wait + talk + hold) * 1000),
    });
  const gaveUp = (queue: string, joined: string, wait: number, outcome: string, reason: string) =>
    seed(queue, joined, {
      waitSeconds: wait,
      queueOutcome: outcome,
      ccCancelReason: reason,
      endedAt: new Date(new Date(joined).getTime() + wait * 1000),
    });

  beforeAll(async () => {
    t = await startTestApp({}, { override: (b) => b.overrideProvider(REPORTS_CLOCK).useValue(() => NOW) });
    const adminToken = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
    await createUser(t, adminToken, { email: 'sue@example.com', role: 'SUPERVISOR', password: 'Sue-pass-12345' });
    auth = { authorization: `Bearer ${(await signIn(t, 'sue@example.com', 'Sue-pass-12345')).token}` };
    const annUser = await createUser(t, adminToken, {
      email: 'ann@example.com',
      role: 'AGENT',
      password: 'Ann-pass-12345',
    });
    const bobUser = await createUser(t, adminToken, {
      email: 'bob@example.com',
      displayName: 'Bob Miller, evenings',
      role: 'AGENT',
      password: 'Bob-pass-12345',
    });
    const ann = await t.prisma.agent.create({ data: { userId: annUser, name: ANN } });
    const bobPhone = await t.prisma.extension.create({
      data: { number: '1002', domain: 'sb.test', displayName: 'Bob' },
    });
    await t.prisma.agent.create({ data: { userId: bobUser, name: BOB, extensionId: bobPhone.id } });
    await t.prisma.queue.create({ data: { name: 'support', displayName: 'Support', serviceLevelSeconds: 30 } });
    // Ann: available since 08:00, on break 10:00-10:30 → in 09:00-12:00: 3 h staffed, 30 min break, 2.5 h available.
    await t.prisma.agentStatusChange.createMany({
      data: [
        { agentId: ann.id, status: 'AVAILABLE', source: 'AGENT', at: at('08:00:00') },
        { agentId: ann.id, status: 'ON_BREAK', source: 'AGENT', at: at('10:00:00') },
        { agentId: ann.id, status: 'AVAILABLE', source: 'AGENT', at: at('10:30:00') },
      ],
    });
    // support (threshold 30 s)
    await answered('support@sb.test', '2026-11-02T09:10:00Z', ANN, 12, 300, 20, 40); // handle 360
    await answered('support@sb.test', '2026-11-02T09:59:50Z', BOB, 45, 200, 0, 10); // spans 10:00; handle 210
    await gaveUp('support@sb.test', '2026-11-02T10:20:00Z', 5, 'ABANDONED', 'BREAK_OUT'); // short abandon
    await gaveUp('support@sb.test', '2026-11-02T10:30:00Z', 90, 'TIMEOUT', 'TIMEOUT');
    await answered('support@sb.test', '2026-11-02T11:05:00Z', ANN, 30, 100, 0, null); // handle 100
    // sales (not provisioned: default threshold 20 s)
    await answered('sales@sb.test', '2026-11-02T09:30:00Z', BOB, 25, 60, 0, 0); // handle 60
    await gaveUp('sales@sb.test', '2026-11-02T10:45:00Z', 15, 'NO_AGENT', 'NO_AGENT_TIMEOUT'); // short abandon
    // Outside the range, and a call that never queued: in no report.
    await answered('support@sb.test', '2026-11-01T23:59:59Z', ANN, 1, 10, 0, 0);
    await seed(null, '2026-11-02T09:20:00Z', { direction: 'INTERNAL', talkSeconds: 50 });
  });
  afterAll(() => t.close());

  it('per queue: offered, answered, abandoned by reason, service level, ASA and AHT', async () => {
    const report = await get<QueueReport>(`/api/reports/queues?${RANGE}`);
    expect(report.rows.map((r) => [r.queue, r.displayName])).toEqual([
      ['sales', null],
      ['support', 'Support'],
    ]);
    expect(report.rows[1]).toMatchObject({
      offered: 5,
      answered: 3,
      abandoned: 2,
      abandonedByReason: { BREAK_OUT: 1, TIMEOUT: 1 },
      shortAbandoned: 1,
      answeredWithinThreshold: 2, // waits 12 and 30 of 12, 45, 30
      serviceLevelSeconds: 30,
      serviceLevel: 0.5, // 2 ÷ (3 + 2 − 1)
      abandonRate: 0.4,
      asaSeconds: 29, // (12 + 45 + 30) ÷ 3
      handled: 3,
      handleSeconds: 670,
      ahtSeconds: 223.3, // 670 ÷ 3
    });
    expect(report.rows[0]).toMatchObject({
      offered: 2,
      answered: 1,
      abandoned: 1,
      serviceLevelSeconds: 20,
      serviceLevel: 0,
    });
    // The total weighs every call with its own queue's threshold: 2 ÷ (4 + 3 − 2).
    expect(report.total).toMatchObject({
      offered: 7,
      answered: 4,
      abandoned: 3,
      serviceLevel: 0.4,
      asaSeconds: 28,
      ahtSeconds: 182.5,
    });
  });

  it('per hour: a call counts in the hour it was offered, even when answered in the next', async () => {
    const report = await get<IntervalReport>(`/api/reports/intervals?${RANGE}&interval=hour&queue=support`);
    expect(report.queue).toBe('support');
    expect(report.rows.map((r) => [r.start, r.offered, r.answered, r.abandoned, r.serviceLevel])).toEqual([
      ['2026-11-02T09:00:00.000Z', 2, 2, 0, 0.5],
      ['2026-11-02T10:00:00.000Z', 2, 0, 2, 0],
      ['2026-11-02T11:00:00.000Z', 1, 1, 0, 1],
    ]);
  });

  it('per day in a time zone: days start at local midnight', async () => {
    const from = encodeURIComponent('2026-11-01T00:00:00-05:00');
    const to = encodeURIComponent('2026-11-03T00:00:00-05:00');
    const report = await get<IntervalReport>(
      `/api/reports/intervals?from=${from}&to=${to}&interval=day&timeZone=America/New_York`,
    );
    // 23:59:59 UTC on 1 Nov is 18:59:59 in New York: the 1 Nov local day; the other 7 calls are on 2 Nov.
    expect(report.rows.map((r) => [r.start, r.offered])).toEqual([
      ['2026-11-01T05:00:00.000Z', 1],
      ['2026-11-02T05:00:00.000Z', 7],
    ]);
  });

  it('per agent: calls handled, staffed time and occupancy', async () => {
    const report = await get<AgentReport>(`/api/reports/agents?${RANGE}`);
    expect(report.rows.map((r) => [r.agent, r.displayName, r.extension])).toEqual([
      [ANN, 'ann', null],
      [BOB, 'Bob Miller, evenings', '1002'],
    ]);
    // Time counts until now (11:30), not until the end of the range: Ann was staffed 09:00-11:30 (9 000 s) with a
    // 30 min break, so available 7 200 s; 360 + 100 s handled → occupancy 460 ÷ 7 200 = 0.0639.
    expect(report.rows[0]).toMatchObject({
      answered: 2,
      handleSeconds: 460,
      staffedSeconds: 9_000,
      breakSeconds: 1_800,
      availableSeconds: 7_200,
      occupancy: 0.0639,
    });
    // Bob never signed in by the status history: no staffed time, no occupancy (not NaN).
    expect(report.rows[1]).toMatchObject({ answered: 2, handleSeconds: 270, staffedSeconds: 0, occupancy: null });
  });

  it("today's figures of a queue are the day's report for the same period", async () => {
    const today = await get<QueueTodayReport>('/api/reports/queues/support@sb.test/today');
    expect(today).toMatchObject({ queue: 'support', from: '2026-11-02T00:00:00.000Z', to: NOW.toISOString() });
    const report = await get<QueueReport>(
      '/api/reports/queues?from=2026-11-02T00:00:00Z&to=2026-11-02T11:30:00.001Z&queue=support',
    );
    const { queue: _queue, displayName: _name, ...sameDay } = report.rows[0] ?? { queue: '', displayName: null };
    expect(today.metrics).toEqual(sameDay);
    expect(today.metrics.offered).toBe(5);
  });

  it('exports CSV with a header line, quoted fields and a download name', async () => {
    const response = await t.http().get(`/api/reports/queues?${RANGE}&format=csv`).set(auth).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="queues-2026-11-02T0900-2026-11-02T1200.csv"',
    );
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe(
      'queue,displayName,offered,answered,abandoned,shortAbandoned,inQueue,answeredWithinThreshold,serviceLevelSeconds,serviceLevel,' +
        'abandonRate,asaSeconds,maxAnswerWaitSeconds,handled,talkSeconds,holdSeconds,wrapUpSeconds,handleSeconds,' +
        'ahtSeconds,abandoned_BREAK_OUT,abandoned_NO_AGENT_TIMEOUT,abandoned_TIMEOUT',
    );
    // sales is on calls but not provisioned: no display name.
    expect(lines[1]?.startsWith('sales,,2,1,1,')).toBe(true);
    expect(lines[2]).toBe('support,Support,5,3,2,1,0,2,30,0.5,0.4,29,45,3,600,20,50,670,223.3,1,0,1');
    expect(lines[3]?.startsWith('TOTAL,,7,4,3,')).toBe(true);
    expect(lines.at(-1)).toBe('');
    const agents = await t.http().get(`/api/reports/agents?${RANGE}&format=csv`).set(auth).expect(200);
    const agentLines = agents.text.split('\r\n');
    expect(agentLines[0]?.startsWith('agent,displayName,extension,staffedSeconds,')).toBe(true);
    expect(agentLines[1]?.startsWith(`${ANN},ann,,`)).toBe(true);
    expect(agentLines[2]?.startsWith(`${BOB},"Bob Miller, evenings",1002,0,0,0,,2,`)).toBe(true);
  });

  it('reads calls window by window without losing or repeating one', async () => {
    const repository = t.app.get(ReportDataRepository);
    const filter = { from: at('09:00:00'), to: at('12:00:00'), only: 'queued' as const };
    const pages: string[][] = [];
    for await (const page of repository.callPages(filter, 3_600_000))
      pages.push(page.map((c) => new Date(c.queueJoinedAt ?? 0).toISOString().slice(11, 19)));
    // Hour windows of start times (each call starts 2 s before it joins the queue); empty windows yield nothing.
    expect(pages).toEqual([['09:10:00', '09:30:00', '09:59:50'], ['10:20:00', '10:30:00', '10:45:00'], ['11:05:00']]);
  });

  it('refuses bad ranges with a clear 400', async () => {
    const bad = async (query: string) => (await get<ApiErrorBody>(`/api/reports/queues?${query}`, 400)).message;
    expect(await bad('from=2026-11-02T12:00:00Z&to=2026-11-02T09:00:00Z')).toContain('from must be before to');
    expect(await bad('from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z')).toContain('at most 93 days');
    expect(await bad('from=2026-11-02&to=2026-11-03T00:00:00Z')).toContain('ISO 8601 date-time with an offset');
    expect(await bad(`${RANGE}&timeZone=Mars/Olympus`)).toContain('IANA time zone');
    expect(await bad('to=2026-11-03T00:00:00Z')).toContain('from');
    expect(await bad(`${RANGE}&format=xlsx`)).toContain('format must be one of json, csv');
  });

  it("counts days in the contact center's zone (CONTACT_CENTER_TIME_ZONE) when a request names none", async () => {
    const newYork = await startTestApp(
      { CONTACT_CENTER_TIME_ZONE: 'America/New_York' },
      { databaseUrl: t.databaseUrl, override: (b) => b.overrideProvider(REPORTS_CLOCK).useValue(() => NOW) },
    );
    try {
      const ask = async <T>(path: string) => (await newYork.http().get(path).set(auth).expect(200)).body as T;
      expect(await ask<ReportSettings>('/api/reports/settings')).toEqual({ timeZone: 'America/New_York' });
      const from = encodeURIComponent('2026-11-01T00:00:00-05:00');
      const to = encodeURIComponent('2026-11-03T00:00:00-05:00');
      const report = await ask<IntervalReport>(`/api/reports/intervals?from=${from}&to=${to}&interval=day`);
      expect(report.timeZone).toBe('America/New_York');
      expect(report.rows.map((r) => [r.start, r.offered])).toEqual([
        ['2026-11-01T05:00:00.000Z', 1],
        ['2026-11-02T05:00:00.000Z', 7],
      ]);
      // Today in New York began at 05:00 UTC; a request may still name another zone.
      expect(await ask<QueueTodayReport>('/api/reports/queues/support@sb.test/today')).toMatchObject({
        from: '2026-11-02T05:00:00.000Z',
        timeZone: 'America/New_York',
      });
      expect(await ask<QueueTodayReport>('/api/reports/queues/support@sb.test/today?timeZone=UTC')).toMatchObject({
        from: '2026-11-02T00:00:00.000Z',
        timeZone: 'UTC',
      });
    } finally {
      await newYork.close();
    }
  });

  it('is for supervisors: an agent gets 403', async () => {
    const agent = (await signIn(t, 'ann@example.com', 'Ann-pass-12345')).token;
    await t
      .http()
      .get(`/api/reports/queues?${RANGE}`)
      .set({ authorization: `Bearer ${agent}` })
      .expect(403);
  });
});
