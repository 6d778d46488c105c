// Shared pieces of the fuzz suite (*.fuzz.int-spec.ts, esl-parser.fuzz.spec.ts): one seed per run, run counts,
// a watch on the process for crashes and unhandled rejections, hostile text, and the checks every answer must pass.
import fc from 'fast-check';
import type { ApiErrorBody } from '@switchboard/shared/contracts';

/** The run's seed: FUZZ_SEED replays a run (failures print it); otherwise a new one each run, printed. */
export const FUZZ_SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : Date.now() % 2_147_483_647;

/** FUZZ_SCALE multiplies every run count (e.g. 10 for a long local session); CI runs the default of 1. */
const SCALE = Math.max(0.01, Number(process.env['FUZZ_SCALE'] ?? 1) || 1);

/** Cases actually run, per suite file, for the summary line. */
let casesRun = 0;

/** `numRuns` scaled by FUZZ_SCALE. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * SCALE));
}

/** Statuses answered during the suite, for the summary (shows how deep the generated requests get). */
const statuses = new Map<number, number>();

/**
 * fast-check parameters shared by every property: the run's seed, and a count of cases for the summary.
 * `casesPerRun`: how many inputs one run sends (a batch of requests counts each).
 */
export function fuzzParameters<T>(numRuns: number, casesPerRun = 1): fc.Parameters<T> {
  return {
    seed: FUZZ_SEED,
    numRuns: runs(numRuns),
    reporter: (details) => {
      casesRun += details.numRuns * casesPerRun;
      // fast-check's own report: the failing case, the seed and the path to replay it.
      if (details.failed)
        throw new Error(
          `${fc.defaultReportMessage(details) ?? 'property failed'}\nGot: ${describe(details.errorInstance)}`,
        );
    },
  };
}

/** Prints the seed before a suite starts and the number of cases with the time taken after it. */
export function announceFuzzRun(suite: string): { summary(): string } {
  const started = Date.now();
  print(`fuzz ${suite}: seed ${FUZZ_SEED} (replay with FUZZ_SEED=${FUZZ_SEED})`);
  return {
    summary: () => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const answers = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
      const tally = answers.length > 0 ? `; HTTP answers ${answers.join(' ')}` : '';
      return `fuzz ${suite}: ${casesRun} generated cases in ${seconds} s, seed ${FUZZ_SEED}${tally}`;
    },
  };
}

/** A line in the test output, outside Jest's console capture, so CI logs show it even when the suite passes. */
export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Records unhandled rejections and uncaught exceptions while the suite runs (the API runs in this process, so a
 * crash of the server would land here), so a test can assert there were none.
 */
export class ProcessWatch {
  readonly problems: string[] = [];
  private readonly onRejection = (reason: unknown): void => {
    this.problems.push(`unhandledRejection: ${describe(reason)}`);
  };
  private readonly onException = (error: unknown): void => {
    this.problems.push(`uncaughtException: ${describe(error)}`);
  };

  install(): this {
    process.on('unhandledRejection', this.onRejection);
    process.on('uncaughtException', this.onException);
    return this;
  }

  uninstall(): void {
    process.off('unhandledRejection', this.onRejection);
    process.off('uncaughtException', this.onException);
  }
}

function describe(value: unknown): string {
  return value instanceof Error ? (value.stack ?? value.message) : String(value);
}

/** `text` as it travels in UTF-8: a lone surrogate becomes U+FFFD (for places where the client library would choke). */
export function wellFormed(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Text that has broken parsers and databases before: NUL, lone surrogates, escapes, injection, huge and odd numbers. */
const HOSTILE = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\uffff',
  '\ufeff',
  '\u202e',
  '\r\n',
  '%00',
  '%FF',
  '%C3%28',
  '%',
  '\\u0000',
  '\\ud800',
  '\'; DROP TABLE "User"; --',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e999',
  '0x1F',
  '9'.repeat(40),
  'a'.repeat(5_000),
  '😀',
  'Zoë 王',
  ' ',
  '',
];

/** Any text: full Unicode, lone surrogates, and {@link HOSTILE} pieces inside or alone. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 10 }))
      .map(([before, hostile, after]) => `${before}${hostile}${after}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => `x${String.fromCharCode(unit)}y`) },
);

/** Text a person could type: any script and emoji, no NUL or lone surrogate, trimmed, never empty. */
export const humanText = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength })
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a person does not type.
    .map((text) => text.replace(/[\u0000-\u001f\u007f]/g, '').trim())
    .filter((text) => text.length > 0 && text.length <= maxLength);

/** JSON-like values built from {@link hostileText}, with `keys` as likely field names. */
export function hostileValue(keys: readonly string[] = []): fc.Arbitrary<unknown> {
  const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), hostileText) : hostileText;
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileText,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    ),
  })).value;
}

/** Percent-encodes text as its UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser sends it). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Percent-escapes of arbitrary bytes: broken UTF-8, NUL, stray '%'. */
export const rawEscapes: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ maxLength: 8 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.constantFrom('%', '%%', '%zz', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%F4%90%80%80'),
);

/** One URL-encoded value: hostile text properly encoded, or raw escapes. */
export const encodedValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileText.map(percentEncode) },
  { weight: 1, arbitrary: rawEscapes },
);

/** A form or query string made of `names` (and stray ones), values from {@link encodedValue}; repeats allowed. */
export function formString(names: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: encodedValue });
  return fc
    .array(fc.tuple(name, encodedValue, fc.boolean()), { maxLength: 8 })
    .map((pairs) => pairs.map(([key, value, bare]) => (bare && value === '' ? key : `${key}=${value}`)).join('&'));
}

/** What a response must be, whatever was sent: below 500, and any error in the API's one format with its id. */
export function expectSound(
  response: { status: number; body: unknown; headers: Record<string, string> },
  context: string,
): void {
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  if (response.status >= 500)
    throw new Error(`${context} answered ${response.status}: ${JSON.stringify(response.body)}`);
  if (response.status < 400) return;
  const body = response.body as Partial<ApiErrorBody>;
  const requestId = response.headers['x-request-id'];
  const sound =
    body.statusCode === response.status &&
    typeof body.error === 'string' &&
    typeof body.message === 'string' &&
    typeof body.requestId === 'string' &&
    body.requestId === requestId;
  if (!sound)
    throw new Error(`${context} answered ${response.status} outside the error format: ${JSON.stringify(body)}`);
}
