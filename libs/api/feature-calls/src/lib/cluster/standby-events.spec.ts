import { type EslEvent, createEslEvent } from '@switchboard/api/data-access-esl';
import { LEASE_RENEW_MS, LEASE_TTL_MS } from './node-ownership.service';
import { STANDBY_WINDOW_MS, StandbyEvents } from './standby-events';

const event = (n: number): EslEvent => {
  const created = createEslEvent(
    {
      'Event-Name': 'CHANNEL_CREATE',
      'Core-UUID': 'core-1',
      'Event-Date-Timestamp': '1796000000000000',
      'Unique-ID': `c${n}`,
      'Event-Sequence': String(n),
    },
    undefined,
  );
  if (typeof created === 'string') throw new Error(created);
  return created;
};

describe('StandbyEvents', () => {
  it('keeps the events of the last window only, at most a given number, oldest first', () => {
    let now = 0;
    const standby = new StandbyEvents(1_000, 3, () => now);
    standby.push(event(1));
    now = 600;
    standby.push(event(2));
    now = 1_200;
    standby.push(event(3));
    expect(standby.takeAll().map((e) => e.headers['Unique-ID'])).toEqual(['c2', 'c3']);
    expect(standby.size).toBe(0);
    for (let n = 4; n <= 8; n++) standby.push(event(n));
    expect(standby.takeAll().map((e) => e.headers['Unique-ID'])).toEqual(['c6', 'c7', 'c8']);
  });

  it('stays correct across many pushes (compaction)', () => {
    const standby = new StandbyEvents(60_000, 100, () => 0);
    for (let n = 0; n < 5_000; n++) standby.push(event(n));
    const kept = standby.takeAll();
    expect(kept).toHaveLength(100);
    expect(kept[0]?.headers['Unique-ID']).toBe('c4900');
  });

  it('puts back events taken but not ingested before the ones that arrived since, within the size bound', () => {
    let now = 0;
    const standby = new StandbyEvents(1_000, 4, () => now);
    for (let n = 1; n <= 3; n++) standby.push(event(n));
    const taken = standby.takeAll();
    standby.push(event(4));
    now = 900;
    standby.restore(taken.slice(1));
    expect(standby.takeAll().map((e) => e.headers['Unique-ID'])).toEqual(['c2', 'c3', 'c4']);
    standby.restore([event(5), event(6), event(7)]);
    standby.push(event(8));
    standby.push(event(9));
    expect(standby.takeAll().map((e) => e.headers['Unique-ID'])).toEqual(['c6', 'c7', 'c8', 'c9']);
  });

  it('covers what a dead owner had not written plus the time nobody held the node, and no more', () => {
    expect(STANDBY_WINDOW_MS).toBeGreaterThan(LEASE_TTL_MS + LEASE_RENEW_MS);
    expect(STANDBY_WINDOW_MS).toBe(10_000);
  });
});
