import { UnsafeCommandArgumentError } from '../pbx/callcenter-commands';
import { type AsteriskQueueSnapshot, asteriskQueueActions, categoriesOf, musicClassOf } from './asterisk-queue-config';

const sales: AsteriskQueueSnapshot = {
  name: 'sales',
  number: '7200',
  displayName: 'Sales ${SHELL}, (EU)',
  strategy: 'round-robin',
  maxWaitTime: 0,
  mohSound: 'local_stream://moh',
  members: [{ agentName: 'ann', extension: '1001', level: 1 }],
};

/** The numbered edits of an UpdateConfig action as [action, category, var, value] rows. */
function edits(action: { fields?: readonly (readonly [string, string])[] } | undefined): string[][] {
  const fields = Object.fromEntries(action?.fields ?? []);
  const rows: string[][] = [];
  for (let i = 0; fields[`Action-${String(i).padStart(6, '0')}`]; i++) {
    const n = String(i).padStart(6, '0');
    rows.push(
      [fields[`Action-${n}`], fields[`Cat-${n}`], fields[`Var-${n}`], fields[`Value-${n}`]].filter(
        (v): v is string => v !== undefined,
      ),
    );
  }
  return rows;
}

describe('asteriskQueueActions', () => {
  it('drops the categories the file has, writes each queue with its members, and reloads app_queue', () => {
    const [queues] = asteriskQueueActions(['old', 'sales'], [sales]);
    expect(Object.fromEntries(queues?.fields ?? [])).toMatchObject({
      SrcFilename: 'switchboard-queues.conf',
      DstFilename: 'switchboard-queues.conf',
      Reload: 'app_queue',
    });
    const rows = edits(queues);
    expect(rows.slice(0, 3)).toEqual([
      ['DelCat', 'old'],
      ['DelCat', 'sales'],
      ['NewCat', 'sales'],
    ]);
    expect(rows).toContainEqual(['Append', 'sales', 'strategy', 'rrmemory']);
    expect(rows).toContainEqual(['Append', 'sales', 'musicclass', 'default']);
    expect(rows).toContainEqual(['Append', 'sales', 'member', 'Local/1001@switchboard-agents/n,1,ann,PJSIP/1001']);
  });

  it('routes the queue number to the queue with its display name in base64, never as dialplan text', () => {
    const [, numbers] = asteriskQueueActions([], [sales, { ...sales, name: 'nonumber', number: null }]);
    expect(Object.fromEntries(numbers?.fields ?? [])).toMatchObject({ Reload: 'pbx_config' });
    const encoded = Buffer.from('Sales ${SHELL}, (EU)').toString('base64');
    expect(edits(numbers)).toEqual([
      ['EmptyCat', 'switchboard-queue-numbers'],
      ['Append', 'switchboard-queue-numbers', 'exten', `7200,1,Gosub(switchboard-queue,s,1(sales,${encoded},))`],
      ['Append', 'switchboard-queue-numbers', 'exten', '7200,n,Hangup()'],
    ]);
  });

  it('gives app_queue the queue’s max wait (Queue() timeout) and its music class', () => {
    const vip = { ...sales, name: 'vip', maxWaitTime: 90, mohSound: 'local_stream://jazz' };
    const [queues, numbers] = asteriskQueueActions([], [vip]);
    expect(edits(queues)).toContainEqual(['Append', 'vip', 'musicclass', 'jazz']);
    expect(edits(numbers)[1]?.[3]).toMatch(/^7200,1,Gosub\(switchboard-queue,s,1\(vip,[A-Za-z0-9+/=]+,90\)\)$/);
  });

  it.each([
    ['local_stream://moh', 'default'],
    ['local_stream://default', 'default'],
    ['local_stream://jazz', 'jazz'],
    ['local_stream://x;System(rm)', 'default'],
    ['tone_stream://%(2000,4000,440)', 'default'],
    ['/srv/moh/hold.wav', 'default'],
  ])('maps the music on hold %s to the music class %s', (moh, music) => {
    expect(musicClassOf(moh)).toBe(music);
  });

  it('refuses stored values that would change a config line: a queue name, number, extension or agent name', () => {
    for (const bad of [
      { ...sales, name: 'sales]\n[evil' },
      { ...sales, number: '7200,1,System(x)' },
      { ...sales, members: [{ agentName: 'ann', extension: '1001,9,x', level: 1 }] },
      { ...sales, members: [{ agentName: 'ann,0,x', extension: '1001', level: 1 }] },
    ])
      expect(() => asteriskQueueActions([], [bad])).toThrow(UnsafeCommandArgumentError);
  });
});

describe('categoriesOf', () => {
  it("reads the category names of AMI's GetConfig answer", () => {
    expect(
      categoriesOf({
        Response: 'Success',
        'Category-000000': 'sales',
        'Line-000000-000000': 'x=1',
        'Category-000001': 'b',
      }),
    ).toEqual(['sales', 'b']);
  });
});
