import {
  CALL_BUTTON_DEFAULTS,
  type CallButtonDto,
  type OpeningInterval,
  WEEKDAYS,
  type Weekday,
  createCallButtonRequestSchema,
} from '@switchboard/shared/contracts';

/** One day of the weekly hours editor: open or not, and from when to when. */
export interface DayHours {
  open: boolean;
  opens: string;
  closes: string;
  /**
   * The day's further intervals (a lunch break set through the API). The editor shows the first interval of a day
   * only; these are sent back unchanged while the day stays open, so saving the form never drops hours it hides.
   */
  more?: readonly OpeningInterval[];
}

/** The form's values as the inputs hold them (numbers as text, so a typo reaches the schema's message). */
export interface ButtonFormValues {
  name: string;
  queueId: string;
  enabled: boolean;
  /** One origin per line. */
  origins: string;
  timeZone: string;
  alwaysOpen: boolean;
  days: Record<Weekday, DayHours>;
  closedMessage: string;
  maxConcurrentCalls: string;
  visitorRateLimit: string;
  visitorRateWindowMinutes: string;
}

export const DAY_LABELS: Readonly<Record<Weekday, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const officeHours = (day: Weekday): DayHours => ({
  open: day !== 'sat' && day !== 'sun',
  opens: '09:00',
  closes: '17:00',
});

/** A new button: every default of the API, office hours ready to switch on, the browser's time zone. */
export function newButtonValues(timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone): ButtonFormValues {
  return {
    name: '',
    queueId: '',
    enabled: CALL_BUTTON_DEFAULTS.enabled,
    origins: '',
    timeZone: timeZone || CALL_BUTTON_DEFAULTS.timeZone,
    alwaysOpen: true,
    days: Object.fromEntries(WEEKDAYS.map((day) => [day, officeHours(day)])) as Record<Weekday, DayHours>,
    closedMessage: CALL_BUTTON_DEFAULTS.closedMessage,
    maxConcurrentCalls: String(CALL_BUTTON_DEFAULTS.maxConcurrentCalls),
    visitorRateLimit: String(CALL_BUTTON_DEFAULTS.visitorRateLimit),
    visitorRateWindowMinutes: String(CALL_BUTTON_DEFAULTS.visitorRateWindowSeconds / 60),
  };
}

/** The form of an existing button. The editor has one interval per day: the first of each day is shown. */
export function buttonValues(button: CallButtonDto): ButtonFormValues {
  const base = newButtonValues(button.timeZone);
  const days = { ...base.days };
  if (button.openingHours) {
    for (const day of WEEKDAYS) {
      const [interval, ...more] = button.openingHours.filter((candidate) => candidate.day === day);
      days[day] = interval
        ? { open: true, opens: interval.opens, closes: interval.closes, ...(more.length > 0 ? { more } : {}) }
        : { ...days[day], open: false };
    }
  }
  return {
    ...base,
    name: button.name,
    queueId: button.queueId ?? '',
    enabled: button.enabled,
    origins: button.allowedOrigins.join('\n'),
    alwaysOpen: button.openingHours === null,
    days,
    closedMessage: button.closedMessage,
    maxConcurrentCalls: String(button.maxConcurrentCalls),
    visitorRateLimit: String(button.visitorRateLimit),
    visitorRateWindowMinutes: String(button.visitorRateWindowSeconds / 60),
  };
}

const numberOrText = (text: string): number | string => {
  const trimmed = text.trim();
  return trimmed !== '' && !Number.isNaN(Number(trimmed)) ? Number(trimmed) : trimmed;
};

/** The request body the form sends (the server's schema checks it, and the form shows its messages by field). */
export function requestBody(values: ButtonFormValues): Record<string, unknown> {
  const openingHours: OpeningInterval[] | null = values.alwaysOpen
    ? null
    : WEEKDAYS.filter((day) => values.days[day].open).flatMap((day) => [
        { day, opens: values.days[day].opens, closes: values.days[day].closes },
        ...(values.days[day].more ?? []),
      ]);
  const window = numberOrText(values.visitorRateWindowMinutes);
  return {
    name: values.name,
    queueId: values.queueId,
    enabled: values.enabled,
    allowedOrigins: values.origins
      .split(/[\s,]+/)
      .map((origin) => origin.trim())
      .filter(Boolean),
    timeZone: values.timeZone,
    openingHours,
    closedMessage: values.closedMessage,
    maxConcurrentCalls: numberOrText(values.maxConcurrentCalls),
    visitorRateLimit: numberOrText(values.visitorRateLimit),
    visitorRateWindowSeconds: typeof window === 'number' ? Math.round(window * 60) : window,
  };
}

/** Field errors by form key, from the same schema the API validates with (empty when the body is valid). */
export function validate(values: ButtonFormValues): Record<string, string> {
  const parsed = createCallButtonRequestSchema.safeParse(requestBody(values));
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = formKey(issue.path.map(String));
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The form key a request path belongs to (`allowedOrigins.1` → `origins`, `openingHours.2.closes` → `hours`). */
export function formKey(path: readonly string[]): string {
  const [first] = path;
  if (first === 'allowedOrigins') return 'origins';
  if (first === 'openingHours') return 'hours';
  if (first === 'visitorRateWindowSeconds') return 'visitorRateWindowMinutes';
  return first ?? 'form';
}

/** What to paste into a page: the widget's script from this server and the element for the button. */
export function embedSnippet(apiOrigin: string, buttonId: string): string {
  return (
    `<script src="${apiOrigin}/widget/switchboard-call.js" async></script>\n` +
    `<switchboard-call button="${buttonId}"></switchboard-call>`
  );
}

/** Opening hours in a line: "Always open", or "Mon 09:00–17:00 · Tue …" in the button's time zone. */
export function describeHours(button: Pick<CallButtonDto, 'openingHours' | 'timeZone'>): string {
  if (button.openingHours === null) return 'Always open';
  const intervals = [...button.openingHours].sort(
    (a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || a.opens.localeCompare(b.opens),
  );
  const text = intervals.map((i) => `${DAY_LABELS[i.day].slice(0, 3)} ${i.opens}–${i.closes}`).join(' · ');
  return `${text} (${button.timeZone})`;
}
