import type { z } from 'zod';
import {
  createAgentRequestSchema,
  createExtensionRequestSchema,
  createQueueRequestSchema,
  createTierRequestSchema,
  updateExtensionRequestSchema,
  updateQueueRequestSchema,
} from './provisioning';
import { toFieldErrors } from './validation';

function problems(schema: z.ZodType, body: unknown): Record<string, string> {
  const result = schema.safeParse(body);
  if (result.success) return {};
  return Object.fromEntries(toFieldErrors(result.error).map((f) => [f.path, f.message]));
}

const USER_ID = '0b8e7f0e-1111-4222-8333-444455556666';

describe('extension contracts', () => {
  it('accepts a plain extension and fills in the defaults', () => {
    expect(createExtensionRequestSchema.parse({ number: ' 1001 ', displayName: ' Ann ' })).toEqual({
      number: '1001',
      displayName: 'Ann',
      outboundClass: 'INTERNAL',
      enabled: true,
    });
    expect(createExtensionRequestSchema.parse({ number: 'alice.smith', displayName: 'Alice' }).number).toBe(
      'alice.smith',
    );
  });

  it.each(['10 01', '<1001>', 'ann@example.com', 'sip:1001', '"1001"', "1'1", '1', 'x'.repeat(33), '10\n01'])(
    'refuses SIP user part %j and says why WebRTC gateways care',
    (number) => {
      expect(problems(createExtensionRequestSchema, { number, displayName: 'A' })['number']).toBe(
        'number must be 2-32 letters, digits, dots, dashes or underscores: spaces, <, >, @, : and quotes break SIP URIs in WebRTC gateways',
      );
    },
  );

  it('keeps markup characters in names (they are escaped later) but refuses what FreeSWITCH would expand', () => {
    expect(createExtensionRequestSchema.parse({ number: '1001', displayName: `<Ann & "Bob">'s` }).displayName).toBe(
      `<Ann & "Bob">'s`,
    );
    expect(
      problems(createExtensionRequestSchema, { number: '1001', displayName: 'A', callerIdName: '${system(id)}' })[
        'callerIdName'
      ],
    ).toMatch(/must not contain control characters, \$, braces or backslashes/);
    expect(
      problems(createExtensionRequestSchema, { number: '1001', displayName: 'line\nbreak' })['displayName'],
    ).toMatch(/control characters/);
  });

  it('validates caller id, class, call group and the never-stored password', () => {
    expect(
      problems(createExtensionRequestSchema, {
        number: '1001',
        displayName: 'A',
        callerIdNumber: '555-1234',
        outboundClass: 'MARS',
        callGroup: 'sales team',
        password: 'short',
      }),
    ).toEqual({
      callerIdNumber: 'callerIdNumber must be 2-15 digits with an optional leading + (E.164)',
      outboundClass: 'outboundClass must be one of INTERNAL, LOCAL, NATIONAL, INTERNATIONAL',
      callGroup: 'callGroup must be 1-64 letters, digits, dots, dashes or underscores',
      password: 'password must be at least 12 characters',
    });
    expect(
      createExtensionRequestSchema.parse({ number: '1001', displayName: 'A', callerIdNumber: '+4930123456' })
        .callerIdNumber,
    ).toBe('+4930123456');
  });

  it('lets an update remove the static password, and refuses an empty update', () => {
    expect(updateExtensionRequestSchema.parse({ password: null })).toEqual({ password: null });
    expect(problems(updateExtensionRequestSchema, {})['']).toBe('nothing to update: send at least one field');
  });
});

describe('agent contracts', () => {
  it('defaults the mod_callcenter timers', () => {
    expect(createAgentRequestSchema.parse({ userId: USER_ID, extensionId: USER_ID })).toMatchObject({
      wrapUpTime: 10,
      maxNoAnswer: 3,
      noAnswerDelayTime: 10,
      rejectDelayTime: 10,
      busyDelayTime: 60,
    });
  });

  it('needs a name when there is no extension to derive it from', () => {
    expect(problems(createAgentRequestSchema, { userId: USER_ID })['name']).toBe(
      'name is required when no extensionId is given (it defaults to <extension number>@<domain>)',
    );
    expect(createAgentRequestSchema.parse({ userId: USER_ID, name: 'ann@switchboard.local' }).name).toBe(
      'ann@switchboard.local',
    );
  });

  it('keeps timers in range and names free of command syntax', () => {
    expect(
      problems(createAgentRequestSchema, { userId: 'nope', name: 'x\n api', wrapUpTime: 3601, maxNoAnswer: -1 }),
    ).toEqual({
      userId: 'userId must be a UUID',
      name: 'name must be a token of letters, digits, dots, dashes or underscores, optionally followed by @domain',
      wrapUpTime: 'wrapUpTime must be between 0 and 3600 seconds',
      maxNoAnswer: 'maxNoAnswer must be between 0 and 100',
    });
  });
});

describe('queue contracts', () => {
  it('defaults to mod_callcenter sample values', () => {
    expect(createQueueRequestSchema.parse({ name: 'support', displayName: 'Support' })).toMatchObject({
      strategy: 'longest-idle-agent',
      mohSound: 'local_stream://moh',
      timeBaseScore: 'system',
      maxWaitTimeWithNoAgentTimeReached: 5,
      tierRuleWaitSecond: 300,
      tierRuleWaitMultiplyLevel: true,
      discardAbandonedAfter: 60,
      serviceLevelSeconds: 20,
    });
  });

  it('refuses names, numbers, strategies and sounds mod_callcenter would choke on', () => {
    expect(
      problems(createQueueRequestSchema, {
        name: 'Support Team',
        displayName: 'S',
        number: '9200#',
        strategy: 'fastest',
        mohSound: 'file:///etc/passwd',
        serviceLevelSeconds: 0,
      }),
    ).toEqual({
      name: 'name must be 1-64 lower-case letters, digits, dashes or underscores',
      number: 'number must be 2-15 digits callers can dial',
      strategy: expect.stringMatching(/^strategy must be one of ring-all, longest-idle-agent, .*ring-progressively$/),
      mohSound:
        'mohSound must be local_stream://NAME, tone_stream://..., silence_stream://MS or an absolute path to a .wav/.mp3/.ogg/.opus file',
      serviceLevelSeconds: 'serviceLevelSeconds must be between 1 and 3600 seconds',
    });
    expect(
      problems(createQueueRequestSchema, { name: 'q', displayName: 'Q', mohSound: '/var/lib/../../etc/x.wav' })[
        'mohSound'
      ],
    ).toBeDefined();
    expect(
      createQueueRequestSchema.parse({
        name: 'q',
        displayName: 'Q',
        mohSound: 'tone_stream://%(2000,4000,440,480);loops=-1',
      }).mohSound,
    ).toBe('tone_stream://%(2000,4000,440,480);loops=-1');
  });

  it('does not let an update rename the queue', () => {
    expect(problems(updateQueueRequestSchema, { name: 'other' })).toEqual({ name: 'is not a known field' });
    expect(updateQueueRequestSchema.parse({ number: null, maxWaitTime: 120 })).toEqual({
      number: null,
      maxWaitTime: 120,
    });
  });
});

describe('tier contracts', () => {
  it('keeps level 1-9 and position 1-99', () => {
    expect(createTierRequestSchema.parse({ agentId: USER_ID, queueId: USER_ID })).toMatchObject({
      level: 1,
      position: 1,
    });
    expect(problems(createTierRequestSchema, { agentId: USER_ID, queueId: USER_ID, level: 10, position: 0 })).toEqual({
      level: 'level must be between 1 and 9',
      position: 'position must be between 1 and 99',
    });
  });
});
