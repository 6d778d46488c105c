/**
 * Click-to-call: "call buttons" that website visitors press to call a queue from their browser, and the public
 * endpoints the embeddable widget talks to. The widget gets one short-lived, single-use SIP credential per call;
 * the server fixes the destination and checks the page's origin, the opening hours and the limits.
 */
import { z } from 'zod';

/** Days of the week as opening hours name them, Monday first (ISO 8601). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval of a week day, in the button's time zone: `opens` inclusive, `closes` exclusive. */
export interface OpeningInterval {
  day: Weekday;
  /** `HH:MM`, 24-hour clock. */
  opens: string;
  /** `HH:MM` after `opens`; `24:00` for "until midnight". */
  closes: string;
}

/** Where a call came from: a phone (SIP/PSTN) or a call button on a web page. */
export const CALL_CHANNELS = ['voice', 'web'] as const;
export type CallChannel = (typeof CALL_CHANNELS)[number];

/** What a web call says about its origin, on the floor, in call records and in the agent's popup. */
export interface WebCallInfo {
  /** The call button's id (null once the button was deleted). */
  buttonId: string | null;
  /** The button's name when the call was placed. */
  button: string;
  /** The page the visitor called from: scheme, host, port and path (no query or fragment). */
  page: string | null;
}

const HH_MM = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;
const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether `zone` is an IANA time zone this JavaScript engine knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone);
  } catch {
    // RangeError: not a time zone.
    return false;
  }
}

/**
 * An allowed page origin exactly as browsers send it in `Origin`: `scheme://host[:port]`, lower case, no path, no
 * default port. Returns null for anything else (a path, a wildcard, a user name, another scheme).
 */
export function normalizeOrigin(value: string): string | null {
  const text = value.trim();
  if (!/^https?:\/\/[^/?#@*\s]+$/i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    // TypeError: not a URL.
    return null;
  }
}

const openingIntervalSchema = z
  .strictObject({
    day: z.enum(WEEKDAYS, { error: `day must be one of ${WEEKDAYS.join(', ')}` }),
    opens: z.string({ error: 'opens must be HH:MM' }).regex(HH_MM, 'opens must be HH:MM (24-hour clock)'),
    closes: z.string({ error: 'closes must be HH:MM' }).regex(HH_MM, 'closes must be HH:MM (24-hour clock, or 24:00)'),
  })
  .refine((interval) => minutesOf(interval.closes) > minutesOf(interval.opens), {
    message: 'closes must be after opens (split an interval that runs past midnight in two)',
    path: ['closes'],
  });

const openingHoursSchema = z
  .array(openingIntervalSchema, { error: 'openingHours must be a list of {day, opens, closes}, or null' })
  .min(1, 'openingHours needs at least one interval; use null for "always open"')
  .max(50, 'openingHours takes at most 50 intervals');

const timeZoneSchema = z
  .string({ error: 'timeZone must be an IANA time zone such as Europe/Berlin' })
  .trim()
  .refine(isTimeZone, 'timeZone must be an IANA time zone such as Europe/Berlin');

const originSchema = z.string({ error: 'each allowed origin must be text' }).transform((value, context) => {
  const origin = normalizeOrigin(value);
  if (origin === null) {
    context.addIssue({
      code: 'custom',
      message: `${value.trim() || '(empty)'} is not an origin: write scheme://host[:port], e.g. https://www.example.com`,
    });
    return z.NEVER;
  }
  return origin;
});

const allowedOriginsSchema = z
  .array(originSchema, { error: 'allowedOrigins must be a list of origins' })
  .min(1, 'allowedOrigins needs at least one origin: the button works only on pages from these')
  .max(20, 'allowedOrigins takes at most 20 origins')
  .transform((origins) => [...new Set(origins)]);

const count = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be between ${min} and ${max}`)
    .max(max, `${field} must be between ${min} and ${max}`);

/** Visible text without control characters (names end up, percent-encoded, in SIP headers). */
const plainText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, `${field} must not contain control characters`);

const buttonFields = {
  name: plainText('name', 80),
  queueId: z.uuid({ error: 'queueId must be a UUID' }),
  enabled: z.boolean({ error: 'enabled must be true or false' }),
  allowedOrigins: allowedOriginsSchema,
  timeZone: timeZoneSchema,
  /** null: always open. */
  openingHours: openingHoursSchema.nullable(),
  closedMessage: plainText('closedMessage', 300),
  maxConcurrentCalls: count('maxConcurrentCalls', 1, 500),
  visitorRateLimit: count('visitorRateLimit', 1, 100),
  visitorRateWindowSeconds: count('visitorRateWindowSeconds', 10, 86_400),
};

/** Defaults of a new button, also shown by the admin form. */
export const CALL_BUTTON_DEFAULTS = {
  enabled: true,
  timeZone: 'UTC',
  openingHours: null,
  closedMessage: 'We are closed right now. Please call again during our opening hours.',
  maxConcurrentCalls: 5,
  visitorRateLimit: 3,
  visitorRateWindowSeconds: 600,
} as const;

export const createCallButtonRequestSchema = z.strictObject({
  name: buttonFields.name,
  queueId: buttonFields.queueId,
  allowedOrigins: buttonFields.allowedOrigins,
  enabled: buttonFields.enabled.default(CALL_BUTTON_DEFAULTS.enabled),
  timeZone: buttonFields.timeZone.default(CALL_BUTTON_DEFAULTS.timeZone),
  openingHours: buttonFields.openingHours.default(CALL_BUTTON_DEFAULTS.openingHours),
  closedMessage: buttonFields.closedMessage.default(CALL_BUTTON_DEFAULTS.closedMessage),
  maxConcurrentCalls: buttonFields.maxConcurrentCalls.default(CALL_BUTTON_DEFAULTS.maxConcurrentCalls),
  visitorRateLimit: buttonFields.visitorRateLimit.default(CALL_BUTTON_DEFAULTS.visitorRateLimit),
  visitorRateWindowSeconds: buttonFields.visitorRateWindowSeconds.default(
    CALL_BUTTON_DEFAULTS.visitorRateWindowSeconds,
  ),
});
export type CreateCallButtonRequest = z.infer<typeof createCallButtonRequestSchema>;

export const updateCallButtonRequestSchema = z
  .strictObject({
    name: buttonFields.name.optional(),
    queueId: buttonFields.queueId.optional(),
    allowedOrigins: buttonFields.allowedOrigins.optional(),
    enabled: buttonFields.enabled.optional(),
    timeZone: buttonFields.timeZone.optional(),
    openingHours: buttonFields.openingHours.optional(),
    closedMessage: buttonFields.closedMessage.optional(),
    maxConcurrentCalls: buttonFields.maxConcurrentCalls.optional(),
    visitorRateLimit: buttonFields.visitorRateLimit.optional(),
    visitorRateWindowSeconds: buttonFields.visitorRateWindowSeconds.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to update: send at least one field' });
export type UpdateCallButtonRequest = z.infer<typeof updateCallButtonRequestSchema>;

/** A call button as admins see it. */
export interface CallButtonDto {
  id: string;
  name: string;
  /** null when its queue was deleted: the button then takes no calls until it gets another. */
  queueId: string | null;
  queueName: string | null;
  queueDisplayName: string | null;
  enabled: boolean;
  allowedOrigins: string[];
  timeZone: string;
  openingHours: OpeningInterval[] | null;
  closedMessage: string;
  maxConcurrentCalls: number;
  visitorRateLimit: number;
  visitorRateWindowSeconds: number;
  /** Whether the button is within its opening hours now. */
  openNow: boolean;
  /** Calls since midnight in the button's time zone. */
  today: { calls: number; answered: number };
  /** Calls in progress and credentials issued but not yet used. */
  activeCalls: number;
  createdAt: string;
  updatedAt: string;
}

/** The widget's request for a call: the page it runs on (query and fragment are dropped). */
export const webCallRequestSchema = z.object({
  page: z
    .string({ error: 'page must be the URL of the page the widget runs on' })
    .trim()
    .max(2000, 'page must be at most 2000 characters')
    .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'page must be an http(s) URL'),
});
export type WebCallRequest = z.infer<typeof webCallRequestSchema>;

/** What the widget shows before a call: the button's name and whether it is open. */
export interface CallButtonStatusDto {
  name: string;
  open: boolean;
  /** The button's closed message when it is not open. */
  message: string | null;
}

/**
 * One SIP credential for one call of one button. It dials only `target`, once, before `expiresAt`; `ha1` is the
 * digest HA1 for `realm` (the secret itself never leaves the server).
 */
export interface WebCallCredentialDto {
  authorizationUser: string;
  domain: string;
  realm: string;
  ha1: string;
  wsUrl: string;
  /** What to dial: fixed by the server, the only destination the dialplan lets this credential reach. */
  target: string;
  displayName: string;
  expiresAt: string;
}

/**
 * Why a call could not be placed, as `details[0].path` of the 409 the endpoint answers: the button is outside its
 * opening hours, or all its lines are busy. The message is what the visitor reads.
 */
export const WEB_CALL_REFUSALS = ['openingHours', 'maxConcurrentCalls'] as const;
export type WebCallRefusal = (typeof WEB_CALL_REFUSALS)[number];
