// The agent desk's codes and labels, without zod: the browser bundles import these values, and any value taken from a
// file that builds zod schemas at load would pull all of zod (~280 KB minified) into the agent console.

/** Why an agent is on break. The UI shows {@link BREAK_REASON_LABELS}. */
export const BREAK_REASONS = [
  'LUNCH',
  'SHORT_BREAK',
  'TRAINING',
  'MEETING',
  'COACHING',
  'PERSONAL',
  'SYSTEM_ISSUE',
] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];
export const BREAK_REASON_LABELS: Readonly<Record<BreakReason, string>> = {
  LUNCH: 'Lunch',
  SHORT_BREAK: 'Short break',
  TRAINING: 'Training',
  MEETING: 'Meeting',
  COACHING: 'Coaching',
  PERSONAL: 'Personal',
  SYSTEM_ISSUE: 'System issue',
};

/** How a call ended from the agent's point of view, chosen in the wrap-up form. */
export const DISPOSITION_CODES = [
  'RESOLVED',
  'FOLLOW_UP',
  'ESCALATED',
  'CALLBACK_REQUESTED',
  'SALE',
  'NO_SALE',
  'WRONG_NUMBER',
  'SPAM',
  'OTHER',
] as const;
export type DispositionCode = (typeof DISPOSITION_CODES)[number];
export const DISPOSITION_LABELS: Readonly<Record<DispositionCode, string>> = {
  RESOLVED: 'Resolved',
  FOLLOW_UP: 'Follow-up needed',
  ESCALATED: 'Escalated',
  CALLBACK_REQUESTED: 'Callback requested',
  SALE: 'Sale',
  NO_SALE: 'No sale',
  WRONG_NUMBER: 'Wrong number',
  SPAM: 'Spam / nuisance',
  OTHER: 'Other',
};

/** Longest wrap-up note, in characters. */
export const WRAP_UP_NOTES_MAX = 2000;
