import { UUID_PATTERN } from '@switchboard/api/util-http';
import type { WebCallInfo } from '@switchboard/shared/contracts';
import { WEB_CALL_VARIABLES } from '@switchboard/api/feature-web-calls';

/** What a web call's channel variables say about its origin (set by the directory from its credential). */
export interface WebCallFacts {
  buttonId?: string;
  button: string;
  page?: string;
}

/** Percent-decoding that keeps the text as it is when it is not valid percent-encoding. */
function decoded(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    // URIError: not our encoding (a variable set by hand); show it as it came.
    return value;
  }
}

/**
 * Reads a channel's web call facts through `variable` (an ESL event's `variable_*` headers, a CDR's `variables`);
 * undefined for calls that did not come from a call button.
 */
export function webCallOf(variable: (name: string) => string | undefined): WebCallFacts | undefined {
  if (variable(WEB_CALL_VARIABLES.channel) !== 'web') return undefined;
  const buttonId = variable(WEB_CALL_VARIABLES.button);
  return {
    buttonId: buttonId && UUID_PATTERN.test(buttonId) ? buttonId : undefined,
    button: decoded(variable(WEB_CALL_VARIABLES.buttonName)) ?? 'Call button',
    page: decoded(variable(WEB_CALL_VARIABLES.page)),
  };
}

/** The `web` field of a live channel: present only on a web call's caller leg. */
export function liveWebInfo(variable: (name: string) => string | undefined): { web?: WebCallInfo } {
  const facts = webCallOf(variable);
  return facts ? { web: { buttonId: facts.buttonId ?? null, button: facts.button, page: facts.page ?? null } } : {};
}
