import { z } from 'zod';
import { displayNameSchema } from './users';

/** toll_allow classes of an extension; each includes the ones before it. */
export const OUTBOUND_CLASSES = ['INTERNAL', 'LOCAL', 'NATIONAL', 'INTERNATIONAL'] as const;
export type OutboundClass = (typeof OUTBOUND_CLASSES)[number];

/** mod_callcenter's queue strategies, spelled as its `strategy` param expects them. */
export const QUEUE_STRATEGIES = [
  'ring-all',
  'longest-idle-agent',
  'round-robin',
  'top-down',
  'agent-with-least-talk-time',
  'agent-with-fewest-calls',
  'sequentially-by-agent-order',
  'random',
  'ring-progressively',
] as const;
export type QueueStrategy = (typeof QUEUE_STRATEGIES)[number];

export const TIME_BASE_SCORES = ['queue', 'system'] as const;
export type TimeBaseScore = (typeof TIME_BASE_SCORES)[number];

/** mod_callcenter agent status and state as stored (live.ts has FreeSWITCH's own spelling). */
export const AGENT_STATUS_CODES = ['LOGGED_OUT', 'AVAILABLE', 'AVAILABLE_ON_DEMAND', 'ON_BREAK'] as const;
export type AgentStatusCode = (typeof AGENT_STATUS_CODES)[number];
export const AGENT_STATE_CODES = ['IDLE', 'WAITING', 'RECEIVING', 'IN_A_QUEUE_CALL', 'RESERVED'] as const;
export type AgentStateCode = (typeof AGENT_STATE_CODES)[number];

/** A SIP user part we accept: RFC 3261 "unreserved" characters narrowed to what every WebRTC gateway passes through. */
export const SIP_USER_PATTERN = /^[A-Za-z0-9_.-]{2,32}$/;
/** mod_callcenter agent name: a token, optionally `@domain`. */
export const AGENT_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}(@[A-Za-z0-9.-]{1,190})?$/;
/** Queue name as mod_callcenter knows it, before `@domain`. */
export const QUEUE_NAME_PATTERN = /^[a-z0-9_-]{1,64}$/;

const uuidOf = (field: string) => z.uuid({ error: `${field} must be a UUID` });
const seconds = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number of seconds` })
    .int(`${field} must be a whole number of seconds`)
    .min(min, `${field} must be between ${min} and ${max} seconds`)
    .max(max, `${field} must be between ${min} and ${max} seconds`);
const count = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be between ${min} and ${max}`)
    .max(max, `${field} must be between ${min} and ${max}`);
const flag = (field: string) => z.boolean({ error: `${field} must be true or false` });

/**
 * Free text that ends up in SIP headers and FreeSWITCH variables. `$`, braces and backslashes are refused because
 * FreeSWITCH expands `${...}` (including API calls) in variable values.
 */
const sipText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`)
    .regex(
      /^[^\p{Cc}${}\\]*$/u,
      `${field} must not contain control characters, $, braces or backslashes (FreeSWITCH would expand them)`,
    );

export const extensionNumberSchema = z
  .string({ error: 'number is required' })
  .trim()
  .regex(
    SIP_USER_PATTERN,
    'number must be 2-32 letters, digits, dots, dashes or underscores: spaces, <, >, @, : and quotes break SIP URIs in WebRTC gateways',
  );

const callerIdNumberSchema = z
  .string({ error: 'callerIdNumber must be text' })
  .trim()
  .regex(/^\+?[0-9]{2,15}$/, 'callerIdNumber must be 2-15 digits with an optional leading + (E.164)');
const callGroupSchema = z
  .string({ error: 'callGroup must be text' })
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'callGroup must be 1-64 letters, digits, dots, dashes or underscores');
/** Never stored: the API keeps only FreeSWITCH's a1-hash md5(number:domain:password). */
const sipPasswordSchema = z
  .string({ error: 'password must be text' })
  .min(12, 'password must be at least 12 characters')
  .max(128, 'password must be at most 128 characters');
const outboundClassSchema = z.enum(OUTBOUND_CLASSES, {
  error: `outboundClass must be one of ${OUTBOUND_CLASSES.join(', ')}`,
});

const nothingToUpdate = { message: 'nothing to update: send at least one field' };
const page = {
  page: z.coerce.number({ error: 'page must be a number' }).int().min(1, 'page starts at 1').default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize must be a number' })
    .int()
    .min(1, 'pageSize must be at least 1')
    .max(200, 'pageSize must be at most 200')
    .default(50),
};
const search = z.string().trim().max(100, 'search must be at most 100 characters').optional();

export const createExtensionRequestSchema = z.strictObject({
  number: extensionNumberSchema,
  displayName: displayNameSchema.pipe(sipText('displayName', 100)),
  outboundClass: outboundClassSchema.default('INTERNAL'),
  callerIdNumber: callerIdNumberSchema.nullish(),
  callerIdName: sipText('callerIdName', 50).nullish(),
  callGroup: callGroupSchema.nullish(),
  enabled: flag('enabled').default(true),
  password: sipPasswordSchema.optional(),
});
export type CreateExtensionRequest = z.infer<typeof createExtensionRequestSchema>;

export const updateExtensionRequestSchema = z
  .strictObject({
    number: extensionNumberSchema.optional(),
    displayName: displayNameSchema.pipe(sipText('displayName', 100)).optional(),
    outboundClass: outboundClassSchema.optional(),
    callerIdNumber: callerIdNumberSchema.nullable().optional(),
    callerIdName: sipText('callerIdName', 50).nullable().optional(),
    callGroup: callGroupSchema.nullable().optional(),
    enabled: flag('enabled').optional(),
    /** `null` removes the static password (only per-login credentials can register then). */
    password: sipPasswordSchema.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, nothingToUpdate);
export type UpdateExtensionRequest = z.infer<typeof updateExtensionRequestSchema>;

export const listExtensionsQuerySchema = z.strictObject({
  search,
  enabled: z.enum(['true', 'false'], { error: 'enabled must be true or false' }).optional(),
  ...page,
});
export type ListExtensionsQuery = z.infer<typeof listExtensionsQuerySchema>;

const agentTimers = {
  wrapUpTime: seconds('wrapUpTime', 0, 3600),
  maxNoAnswer: count('maxNoAnswer', 0, 100),
  noAnswerDelayTime: seconds('noAnswerDelayTime', 0, 3600),
  rejectDelayTime: seconds('rejectDelayTime', 0, 3600),
  busyDelayTime: seconds('busyDelayTime', 0, 3600),
};
const agentNameSchema = z
  .string({ error: 'name must be text' })
  .trim()
  .regex(
    AGENT_NAME_PATTERN,
    'name must be a token of letters, digits, dots, dashes or underscores, optionally followed by @domain',
  );

export const createAgentRequestSchema = z
  .strictObject({
    userId: uuidOf('userId'),
    extensionId: uuidOf('extensionId').nullish(),
    /** Defaults to `<extension number>@<SIP domain>`. */
    name: agentNameSchema.optional(),
    wrapUpTime: agentTimers.wrapUpTime.default(10),
    maxNoAnswer: agentTimers.maxNoAnswer.default(3),
    noAnswerDelayTime: agentTimers.noAnswerDelayTime.default(10),
    rejectDelayTime: agentTimers.rejectDelayTime.default(10),
    busyDelayTime: agentTimers.busyDelayTime.default(60),
  })
  .refine((body) => body.name !== undefined || Boolean(body.extensionId), {
    message: 'name is required when no extensionId is given (it defaults to <extension number>@<domain>)',
    path: ['name'],
  });
export type CreateAgentRequest = z.infer<typeof createAgentRequestSchema>;

/** The name is mod_callcenter's key for the agent, so it cannot change; delete and re-create instead. */
export const updateAgentRequestSchema = z
  .strictObject({
    extensionId: uuidOf('extensionId').nullable().optional(),
    wrapUpTime: agentTimers.wrapUpTime.optional(),
    maxNoAnswer: agentTimers.maxNoAnswer.optional(),
    noAnswerDelayTime: agentTimers.noAnswerDelayTime.optional(),
    rejectDelayTime: agentTimers.rejectDelayTime.optional(),
    busyDelayTime: agentTimers.busyDelayTime.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, nothingToUpdate);
export type UpdateAgentRequest = z.infer<typeof updateAgentRequestSchema>;

export const listAgentsQuerySchema = z.strictObject({ search, ...page });
export type ListAgentsQuery = z.infer<typeof listAgentsQuerySchema>;

const queueLimits = {
  maxWaitTime: seconds('maxWaitTime', 0, 86_400),
  maxWaitTimeWithNoAgent: seconds('maxWaitTimeWithNoAgent', 0, 86_400),
  maxWaitTimeWithNoAgentTimeReached: seconds('maxWaitTimeWithNoAgentTimeReached', 0, 86_400),
  tierRuleWaitSecond: seconds('tierRuleWaitSecond', 0, 86_400),
  discardAbandonedAfter: seconds('discardAbandonedAfter', 0, 86_400),
  serviceLevelSeconds: seconds('serviceLevelSeconds', 1, 3600),
};
const queueNumberSchema = z
  .string({ error: 'number must be text' })
  .trim()
  .regex(/^[0-9]{2,15}$/, 'number must be 2-15 digits callers can dial');
const mohSoundSchema = z
  .string({ error: 'mohSound must be text' })
  .trim()
  .regex(
    /^(local_stream:\/\/[A-Za-z0-9_.-]{1,64}|silence_stream:\/\/-?[0-9]{1,7}|tone_stream:\/\/[A-Za-z0-9%(),.;=+-]{1,200}|\/(?!.*\.\.)[A-Za-z0-9_./-]{1,200}\.(wav|mp3|ogg|opus))$/,
    'mohSound must be local_stream://NAME, tone_stream://..., silence_stream://MS or an absolute path to a .wav/.mp3/.ogg/.opus file',
  );
const queueSettings = {
  displayName: displayNameSchema.pipe(sipText('displayName', 100)),
  strategy: z.enum(QUEUE_STRATEGIES, { error: `strategy must be one of ${QUEUE_STRATEGIES.join(', ')}` }),
  mohSound: mohSoundSchema,
  timeBaseScore: z.enum(TIME_BASE_SCORES, { error: 'timeBaseScore must be queue or system' }),
  tierRulesApply: flag('tierRulesApply'),
  tierRuleWaitMultiplyLevel: flag('tierRuleWaitMultiplyLevel'),
  tierRuleNoAgentNoWait: flag('tierRuleNoAgentNoWait'),
  abandonedResumeAllowed: flag('abandonedResumeAllowed'),
};

export const createQueueRequestSchema = z.strictObject({
  name: z
    .string({ error: 'name is required' })
    .trim()
    .regex(QUEUE_NAME_PATTERN, 'name must be 1-64 lower-case letters, digits, dashes or underscores'),
  displayName: queueSettings.displayName,
  number: queueNumberSchema.nullish(),
  strategy: queueSettings.strategy.default('longest-idle-agent'),
  mohSound: queueSettings.mohSound.default('local_stream://moh'),
  timeBaseScore: queueSettings.timeBaseScore.default('system'),
  maxWaitTime: queueLimits.maxWaitTime.default(0),
  maxWaitTimeWithNoAgent: queueLimits.maxWaitTimeWithNoAgent.default(0),
  maxWaitTimeWithNoAgentTimeReached: queueLimits.maxWaitTimeWithNoAgentTimeReached.default(5),
  tierRulesApply: queueSettings.tierRulesApply.default(false),
  tierRuleWaitSecond: queueLimits.tierRuleWaitSecond.default(300),
  tierRuleWaitMultiplyLevel: queueSettings.tierRuleWaitMultiplyLevel.default(true),
  tierRuleNoAgentNoWait: queueSettings.tierRuleNoAgentNoWait.default(false),
  discardAbandonedAfter: queueLimits.discardAbandonedAfter.default(60),
  abandonedResumeAllowed: queueSettings.abandonedResumeAllowed.default(false),
  serviceLevelSeconds: queueLimits.serviceLevelSeconds.default(20),
});
export type CreateQueueRequest = z.infer<typeof createQueueRequestSchema>;

/** The name is mod_callcenter's key for the queue, so it cannot change. */
export const updateQueueRequestSchema = z
  .strictObject({
    displayName: queueSettings.displayName.optional(),
    number: queueNumberSchema.nullable().optional(),
    strategy: queueSettings.strategy.optional(),
    mohSound: queueSettings.mohSound.optional(),
    timeBaseScore: queueSettings.timeBaseScore.optional(),
    maxWaitTime: queueLimits.maxWaitTime.optional(),
    maxWaitTimeWithNoAgent: queueLimits.maxWaitTimeWithNoAgent.optional(),
    maxWaitTimeWithNoAgentTimeReached: queueLimits.maxWaitTimeWithNoAgentTimeReached.optional(),
    tierRulesApply: queueSettings.tierRulesApply.optional(),
    tierRuleWaitSecond: queueLimits.tierRuleWaitSecond.optional(),
    tierRuleWaitMultiplyLevel: queueSettings.tierRuleWaitMultiplyLevel.optional(),
    tierRuleNoAgentNoWait: queueSettings.tierRuleNoAgentNoWait.optional(),
    discardAbandonedAfter: queueLimits.discardAbandonedAfter.optional(),
    abandonedResumeAllowed: queueSettings.abandonedResumeAllowed.optional(),
    serviceLevelSeconds: queueLimits.serviceLevelSeconds.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, nothingToUpdate);
export type UpdateQueueRequest = z.infer<typeof updateQueueRequestSchema>;

export const listQueuesQuerySchema = z.strictObject({ search, ...page });
export type ListQueuesQuery = z.infer<typeof listQueuesQuerySchema>;

const tierLevel = count('level', 1, 9);
const tierPosition = count('position', 1, 99);
export const createTierRequestSchema = z.strictObject({
  agentId: uuidOf('agentId'),
  queueId: uuidOf('queueId'),
  level: tierLevel.default(1),
  position: tierPosition.default(1),
});
export type CreateTierRequest = z.infer<typeof createTierRequestSchema>;

export const updateTierRequestSchema = z
  .strictObject({ level: tierLevel.optional(), position: tierPosition.optional() })
  .refine((body) => Object.keys(body).length > 0, nothingToUpdate);
export type UpdateTierRequest = z.infer<typeof updateTierRequestSchema>;

export const listTiersQuerySchema = z.strictObject({
  queueId: uuidOf('queueId').optional(),
  agentId: uuidOf('agentId').optional(),
  ...page,
});
export type ListTiersQuery = z.infer<typeof listTiersQuerySchema>;

/**
 * Whether FreeSWITCH took the change: `applied` (every command answered +OK), `pending` (no ESL connection; the
 * change is saved and mod_callcenter loads it from /freeswitch/configuration when it next starts), or `failed`
 * (FreeSWITCH refused a command; `message` quotes its reply).
 */
export interface PbxSyncReport {
  status: 'applied' | 'pending' | 'failed';
  message: string;
}

/** A SIP extension as the API shows it: never its a1-hash, only whether a static password is set. */
export interface ExtensionDto {
  id: string;
  number: string;
  domain: string;
  displayName: string;
  enabled: boolean;
  outboundClass: OutboundClass;
  callerIdNumber: string | null;
  callerIdName: string | null;
  callGroup: string | null;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AgentDto {
  id: string;
  userId: string;
  /** The person's name (their user's display name): what supervisors read on the floor and in reports. */
  displayName: string;
  /** mod_callcenter's agent name (`1000@switchboard.local`). */
  name: string;
  extensionId: string | null;
  extensionNumber: string | null;
  wrapUpTime: number;
  maxNoAnswer: number;
  noAnswerDelayTime: number;
  rejectDelayTime: number;
  busyDelayTime: number;
  status: AgentStatusCode;
  state: AgentStateCode;
  createdAt: string;
  updatedAt: string;
}

/** A queue as the API shows it: its settings as created, with defaults filled in. */
export type QueueDto = Omit<CreateQueueRequest, 'number'> & {
  id: string;
  number: string | null;
  createdAt: string;
  updatedAt: string;
};

export interface TierDto {
  id: string;
  agentId: string;
  agentName: string;
  queueId: string;
  queueName: string;
  level: number;
  position: number;
  createdAt: string;
}

/** The answer to a create or update: the saved record and whether FreeSWITCH took it. */
export type Provisioned<T> = T & { pbxSync: PbxSyncReport };

/** The answer to a delete. `deletedTiers` counts tiers removed with a queue or agent. */
export interface ProvisioningDeleteResult {
  id: string;
  deletedTiers: number;
  pbxSync: PbxSyncReport;
}
