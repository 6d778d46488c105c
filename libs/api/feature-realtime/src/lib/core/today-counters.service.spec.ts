import type { PrismaService } from '@switchboard/api/data-access-db';
import { TodayCountersService } from './today-counters.service';

/** An abandoned call of `support` that left the queue a minute ago, as the call records hold it. */
function abandonedCall(now: Date) {
  const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000);
  return {
    queueName: 'support@sb.test',
    agentName: null,
    startedAt: at(90),
    queueJoinedAt: at(85),
    queueLeftAt: at(60),
    answeredAt: at(85),
    bridgedAt: null,
    endedAt: at(60),
    waitSeconds: 25,
    talkSeconds: 0,
    holdSeconds: 0,
    wrapUpSeconds: null,
    queueOutcome: 'ABANDONED',
    ccCancelReason: 'BREAK_OUT',
  };
}

describe('TodayCountersService', () => {
  it('looks again a refresh period after a call ended, so a record stored after the event still counts', async () => {
    const stored: unknown[] = [];
    let queries = 0;
    const prisma = {
      call: {
        findMany: () => {
          queries += 1;
          return Promise.resolve([...stored]);
        },
      },
      queue: { findMany: () => Promise.resolve([{ name: 'support', serviceLevelSeconds: 20 }]) },
    } as unknown as PrismaService;
    const counters = new TodayCountersService(prisma, { timeZone: 'UTC' });
    await counters.refreshIfStale();
    expect(queries).toBe(1);
    await counters.refreshIfStale();
    expect(queries).toBe(1);

    // The call ends on the floor; its record is written by the ingestion's next batch, after the first look.
    counters.invalidate();
    await counters.refreshIfStale();
    expect(counters.today('support@sb.test')).toBeNull();
    stored.push(abandonedCall(new Date()));
    await counters.refreshIfStale();
    expect(counters.today('support@sb.test')).toMatchObject({ offered: 1, abandoned: 1 });
    // Then quiet until the next change.
    await counters.refreshIfStale();
    expect(queries).toBe(3);
  });
});
