import { z } from 'zod';
import { CALL_CHANNELS } from './call-buttons';

// Reports over call records (`/api/reports/...`, permission `calls:read`). The figures are computed by
// `@switchboard/shared/util-metrics`, the same functions the live wall uses; definitions are in its TSDoc and README.

/** Longest range one report may cover. */
export const REPORT_MAX_RANGE_DAYS = 93;
/** Interval lengths of the per-interval report. */
export const REPORT_INTERVALS = ['hour', 'day'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];
/** Answer formats: JSON (default) or a CSV download. */
export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Date-time with an explicit offset (`2026-11-30T00:00:00Z`, `2026-11-30T00:00:00.000+01:00`); no local times. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

const reportInstant = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .refine(
      (v) => ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
      // abort: the range checks below must not see the untransformed string.
      { message: `${field} must be an ISO 8601 date-time with an offset, e.g. 2026-11-30T00:00:00Z`, abort: true },
    )
    .transform((v) => new Date(v));

/** Whether the runtime knows an IANA time zone name (`Europe/Paris`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    // Intl throws a RangeError for names it does not know; that is the whole check.
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isKnownTimeZone, 'timeZone must be an IANA time zone such as Europe/Paris or UTC')
  .optional();

const nameFilter = z.string().trim().min(1).max(128);

const rangeFields = {
  from: reportInstant('from'),
  to: reportInstant('to'),
  /** IANA zone of the day boundaries (interval report, `today`); default the contact center's (`GET /api/reports/settings`). */
  timeZone: timeZoneSchema,
  format: z.enum(REPORT_FORMATS, { error: `format must be one of ${REPORT_FORMATS.join(', ')}` }).default('json'),
  /** Only calls of one channel: `web` (call buttons on web pages) or `voice`; default both. */
  channel: z.enum(CALL_CHANNELS, { error: `channel must be one of ${CALL_CHANNELS.join(', ')}` }).optional(),
};

type Range = { from: Date; to: Date };
const rangeChecks = <T extends z.ZodType<Range>>(schema: T) =>
  schema
    .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['from'] })
    .refine((q) => q.to.getTime() - q.from.getTime() <= REPORT_MAX_RANGE_DAYS * 86_400_000, {
      message: `the range may cover at most ${REPORT_MAX_RANGE_DAYS} days`,
      path: ['to'],
    });

/** `GET /api/reports/queues`: one row per queue. `queue` limits it to one queue (name with or without `@domain`). */
export const queueReportQuerySchema = rangeChecks(z.strictObject({ ...rangeFields, queue: nameFilter.optional() }));
export type QueueReportQuery = z.infer<typeof queueReportQuerySchema>;

/** `GET /api/reports/agents`: one row per agent. `agent` limits it to one agent (mod_callcenter name). */
export const agentReportQuerySchema = rangeChecks(z.strictObject({ ...rangeFields, agent: nameFilter.optional() }));
export type AgentReportQuery = z.infer<typeof agentReportQuerySchema>;

/** `GET /api/reports/intervals`: one row per hour or day (in `timeZone`), all queues or one. */
export const intervalReportQuerySchema = rangeChecks(
  z.strictObject({
    ...rangeFields,
    interval: z
      .enum(REPORT_INTERVALS, { error: `interval must be one of ${REPORT_INTERVALS.join(', ')}` })
      .default('hour'),
    queue: nameFilter.optional(),
  }),
);
export type IntervalReportQuery = z.infer<typeof intervalReportQuerySchema>;

/** `GET /api/reports/queues/:queue/today`: from local midnight in `timeZone` until now. */
export const queueTodayQuerySchema = z.strictObject({ timeZone: timeZoneSchema });
export type QueueTodayQuery = z.infer<typeof queueTodayQuerySchema>;

/**
 * Call figures of a set of calls (a queue, an agent, an interval). Counts are whole numbers; averages are seconds
 * rounded to 0.1; ratios are 0..1 rounded to 4 decimals and null when their denominator is 0 (never NaN).
 */
export interface CallMetrics {
  /** Calls that entered the queue (offered), counted in the interval in which they entered. */
  offered: number;
  /** Offered calls bridged to an agent. */
  answered: number;
  /** Offered calls that left the queue without an agent (hang-up, timeout, no agent, exit key). */
  abandoned: number;
  /** `abandoned` by mod_callcenter CC-Cancel-Reason (`BREAK_OUT`, `TIMEOUT`, ...; `UNSPECIFIED` when none). */
  abandonedByReason: Record<string, number>;
  /** Abandoned within the service-level threshold: left out of the service level's denominator. */
  shortAbandoned: number;
  /** Offered calls still waiting (no outcome yet). */
  inQueue: number;
  /** Answered with a wait at most the threshold. */
  answeredWithinThreshold: number;
  /** Threshold used, seconds (the queue's `serviceLevelSeconds`; for agents and mixed sets, each call's queue). */
  serviceLevelSeconds: number | null;
  /** answeredWithinThreshold ÷ (answered + abandoned − shortAbandoned). */
  serviceLevel: number | null;
  /** abandoned ÷ offered. */
  abandonRate: number | null;
  /** Average speed of answer: mean wait of answered calls, seconds. */
  asaSeconds: number | null;
  /** Longest wait of an answered call, seconds. */
  maxAnswerWaitSeconds: number | null;
  /** Answered calls that have ended (their talk time is known). */
  handled: number;
  /** Sums over handled calls, seconds. */
  talkSeconds: number;
  holdSeconds: number;
  wrapUpSeconds: number;
  /** talk + hold + after-call work over handled calls. */
  handleSeconds: number;
  /** Average handle time: handleSeconds ÷ handled. */
  ahtSeconds: number | null;
}

/** Time an agent spent per status (from `AgentStatusChange`), seconds, clipped to the report range. */
export interface AgentTimeMetrics {
  /** Signed in: any status but Logged Out (breaks included). */
  staffedSeconds: number;
  /** Available or Available (On Demand). */
  availableSeconds: number;
  /** On Break. */
  breakSeconds: number;
  /** handleSeconds ÷ availableSeconds (staffed time minus breaks); null with no such time. */
  occupancy: number | null;
}

/** `GET /api/reports/settings`: how the contact center's reports count days. */
export interface ReportSettings {
  /** The contact center's IANA time zone: days and hours of the reports and of the floor's figures of today. */
  timeZone: string;
}

/** The range a report covers, as it was understood. */
export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
  generatedAt: string;
}

export interface QueueReportRow extends CallMetrics {
  /** Queue name without `@domain` (as provisioned). */
  queue: string;
  /** The provisioned queue's display name ("Sales"); null for a queue on calls but not provisioned here. */
  displayName: string | null;
}
export interface QueueReport extends ReportRange {
  rows: QueueReportRow[];
  /** All rows together (not the mean of the rows). */
  total: CallMetrics;
}

export interface AgentReportRow extends CallMetrics, AgentTimeMetrics {
  /** The agent's name as mod_callcenter knows it (`3001@switchboard.local`). */
  agent: string;
  /** The person's name (the agent's user); null for an agent on calls but no longer provisioned. */
  displayName: string | null;
  /** The agent's extension number, if it has one. */
  extension: string | null;
}
export interface AgentReport extends ReportRange {
  rows: AgentReportRow[];
}

export interface IntervalReportRow extends CallMetrics {
  /** Interval start and end (ISO, UTC); the first and last may be cut by the range. */
  start: string;
  end: string;
}
export interface IntervalReport extends ReportRange {
  interval: ReportInterval;
  /** The queue filtered on, or null for all queues. */
  queue: string | null;
  rows: IntervalReportRow[];
}

/** Today's figures of one queue: the same numbers the live wall shows for the same period. */
export interface QueueTodayReport extends ReportRange {
  queue: string;
  metrics: CallMetrics;
}
