import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonCdrDocument } from './json-cdr';

/** mod_json_cdr's settings (json_cdr.conf.xml), in the simulator's units. */
export interface CdrOptions {
  /** `url`: each leg's document is posted to `<url>?uuid=<leg uuid>`. */
  readonly url: string;
  /** `cred` (`user:password`), sent as HTTP Basic (`auth-scheme` basic). No Authorization header without a user. */
  readonly user?: string;
  readonly password?: string;
  /** `retries`: attempts after a failed first one. Default 0. */
  readonly retries?: number;
  /** `delay` between attempts, in ms (FreeSWITCH takes seconds, and 5 s when retries are set without a delay). */
  readonly delayMs?: number;
  /** `err-log-dir`: after the last failure the document is written to `<spoolDir>/<uuid>.cdr.json`. */
  readonly spoolDir?: string;
}

/** How the post of one leg's CDR went. */
export interface CdrPostResult {
  readonly uuid: string;
  readonly attempts: number;
  /** HTTP status of each attempt, or the error message when there was no answer. */
  readonly outcomes: ReadonlyArray<number | string>;
  readonly delivered: boolean;
  /** Where the document was written when every attempt failed (and a spool dir is set). */
  readonly spooledTo?: string;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const stop = (): void => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', stop, { once: true });
  });

/**
 * Posts a leg's CDR the way mod_json_cdr does with `encode=false` on FreeSWITCH 1.11.2: the raw, unformatted JSON
 * as the body, but labelled `application/x-www-form-urlencoded` (seen on the wire), `User-Agent: freeswitch-json/1.0`,
 * HTTP Basic from `cred`. Anything but a 2xx (or no answer) is tried again `retries` times, `delay` apart; after the
 * last failure the document goes to the error spool dir with a trailing newline. Node's fetch adds a few headers
 * curl does not send (accept-language, sec-fetch-mode, accept-encoding); none of them matter to a CDR receiver.
 */
export async function postJsonCdr(
  document: JsonCdrDocument,
  uuid: string,
  options: CdrOptions,
  signal: AbortSignal,
): Promise<CdrPostResult> {
  const body = JSON.stringify(document);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': 'freeswitch-json/1.0',
    accept: '*/*',
  };
  if (options.user !== undefined) {
    headers['authorization'] = `Basic ${Buffer.from(`${options.user}:${options.password ?? ''}`).toString('base64')}`;
  }
  const target = `${options.url}?uuid=${uuid}`;
  const outcomes: Array<number | string> = [];
  const attempts = 1 + Math.max(0, options.retries ?? 0);
  const delayMs = options.delayMs ?? 5_000;
  for (let attempt = 0; attempt < attempts && !signal.aborted; attempt++) {
    if (attempt > 0) await sleep(delayMs, signal);
    if (signal.aborted) break;
    try {
      const response = await fetch(target, { method: 'POST', headers, body, signal });
      // Drain the answer: FreeSWITCH reads it (and ignores it).
      await response.arrayBuffer();
      outcomes.push(response.status);
      if (response.status >= 200 && response.status < 300)
        return { uuid, attempts: outcomes.length, outcomes, delivered: true };
    } catch (error) {
      // Refused, reset, unreachable or aborted: curl reports no status, and mod_json_cdr tries again like after a 5xx.
      outcomes.push(error instanceof Error ? error.message : String(error));
    }
  }
  const spooledTo =
    options.spoolDir !== undefined && !signal.aborted ? await spool(options.spoolDir, uuid, body) : undefined;
  return { uuid, attempts: outcomes.length, outcomes, delivered: false, ...(spooledTo ? { spooledTo } : {}) };
}

async function spool(dir: string, uuid: string, body: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${uuid}.cdr.json`);
  await writeFile(path, `${body}\n`);
  return path;
}
