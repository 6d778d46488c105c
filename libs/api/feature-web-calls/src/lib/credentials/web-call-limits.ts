import type { Prisma } from '@switchboard/api/data-access-db';

/**
 * How long a credential may wait for its INVITE. Short: the widget asks for it when the visitor clicks and dials at
 * once (the microphone prompt is answered in between). Would be WEB_CALL_TOKEN_TTL in the configuration.
 */
export const WEB_CALL_TOKEN_TTL_SECONDS = 60;

/**
 * The longest a web call lasts: webcall.xml hangs up after it (sched_hangup), and a used credential without a
 * hang-up counts as a call in progress only for this long (a hang-up missed while the API was down cannot hold a
 * line forever). Would be WEB_CALL_MAX_SECONDS in the configuration; keep it equal to the dialplan's figure.
 */
export const WEB_CALL_MAX_SECONDS = 7200;

/**
 * The credentials of a button that hold one of its lines at `now`: issued and still usable, or used by a call that
 * has not hung up (and is younger than {@link WEB_CALL_MAX_SECONDS}).
 */
export function holdingALine(buttonId: string, now: Date): Prisma.WebCallCredentialWhereInput {
  return {
    buttonId,
    endedAt: null,
    OR: [
      { usedAt: null, expiresAt: { gt: now } },
      { usedAt: { gt: new Date(now.getTime() - WEB_CALL_MAX_SECONDS * 1000) } },
    ],
  };
}
