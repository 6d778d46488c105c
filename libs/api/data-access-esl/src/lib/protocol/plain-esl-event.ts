import {
  type EslEvent,
  type EslHeaderName,
  type EslHeaders,
  eventIdentity,
  type EventIdentity,
  IDENTITY_HEADERS,
  type RawIdentity,
} from './esl-event';
import { decodeHeaderValue } from './percent-decoding';

const LF = 10;
const SPACE = 32;

/** Where the lines of a header block lie, and where the block ends. */
export interface HeaderLines {
  /** Three offsets per line (start of the name, its colon, end of the line), in block order. */
  readonly lines: number[];
  /** Where the block ends: at the first empty line (the blank line before an event body), else at the text's end. */
  readonly end: number;
}

let scratch: number[] = [];
/** A block of more lines than FreeSWITCH ever sends (~200) leaves no large list behind. */
const SCRATCH_KEPT = 3 * 4096;

/**
 * Indexes the `Name: value` lines of a header block, up to its first empty line (leading newlines are skipped).
 * Returns a description of the first line that is not `Name: value` instead.
 *
 * One pass of `indexOf` over the block and a list of small integers: ingestion reads about five of an event's ~150
 * headers, so splitting every line into name and value strings (300 strings per event) cost more than the reading,
 * and the garbage collector had to copy every string that survived.
 */
export function indexHeaderLines(text: string): HeaderLines | string {
  // Offsets go into one reused list and are copied out at the end: an exact-size list per event, where growing a
  // fresh one line by line allocated and copied about three times as much.
  const lines = scratch;
  let count = 0;
  const length = text.length;
  let start = 0;
  while (text.charCodeAt(start) === LF) start++;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    if (end === start) return { lines: copyOut(count), end: start - 1 };
    const colon = text.indexOf(':', start);
    if (colon <= start || colon >= end) {
      copyOut(0);
      return `event header line ${JSON.stringify(text.slice(start, Math.min(end, start + 80)))} is not "Name: value"`;
    }
    lines[count++] = start;
    lines[count++] = colon;
    lines[count++] = end;
    start = end + 1;
  }
  return { lines: copyOut(count), end: length };
}

function copyOut(count: number): number[] {
  const lines = scratch.slice(0, count);
  if (scratch.length > SCRATCH_KEPT) scratch = [];
  return lines;
}

/** The still URL-encoded value of the line whose colon is at `colon` (one space after the colon is not part of it). */
function rawValue(block: string, colon: number, end: number): string {
  return block.slice(block.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1, end);
}

function decoded(value: string): string {
  return value.indexOf('%') === -1 ? value : decodeHeaderValue(value);
}

/**
 * A copy of `value` that does not keep the block it was cut from alive. V8 cuts a substring of 13 characters or more
 * as a view into its parent string, so a channel uuid that a call record keeps would keep the event's whole ~3 KB
 * block, and the garbage collector would copy every such block from one generation to the next. Concatenating and
 * cutting again makes V8 flatten the pair into a string of its own (~60 ns), which is all the view then refers to.
 */
function own(value: string): string {
  return value.length < 13 ? value : (` ${value}`).slice(1);
}

/**
 * Event names, subclasses and Core-UUIDs repeat from event to event: each distinct one is copied once and then
 * shared. Bounded, since a stream could send any number of distinct names.
 */
const shared = new Map<string, string>();
const SHARED_MAX = 256;

function sharedCopy(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const known = shared.get(value);
  if (known !== undefined) return known;
  const copy = own(value);
  if (shared.size < SHARED_MAX) shared.set(copy, copy);
  return copy;
}

/**
 * Every header of a text/event-plain header block, decoded, as a flat `name, value, ...` list in block order; or a
 * description of the first malformed line. The event log keeps events as this block; its readers decode it here.
 */
export function plainHeaderPairs(block: string): string[] | string {
  const indexed = indexHeaderLines(block);
  if (typeof indexed === 'string') return indexed;
  return pairsOf(block, indexed.lines);
}

function pairsOf(block: string, lines: readonly number[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < lines.length; i += 3) {
    const start = lines[i] ?? 0;
    const colon = lines[i + 1] ?? 0;
    pairs.push(block.slice(start, colon), decoded(rawValue(block, colon, lines[i + 2] ?? 0)));
  }
  return pairs;
}

/**
 * An event that arrived as text/event-plain, kept as its header block: one string, values still URL-encoded, as
 * FreeSWITCH's `switch_event_serialize` wrote it, plus where each line lies. A header is found by its name's length
 * and characters and decoded only when read; `headers` and `headerPairs()` split the whole block, once, when asked.
 * The block itself is what the event log stores ({@link EslEvent.plainHeaderBlock}).
 *
 * FreeSWITCH does not repeat a header name within an event; should a block do so, the first line of a name is the
 * one read, by `header()` and `headers` alike.
 */
class PlainEslEvent implements EslEvent {
  private record: Record<string, string> | undefined;

  constructor(
    private readonly identity: EventIdentity,
    readonly plainHeaderBlock: string,
    private readonly lines: readonly number[],
    readonly body: string | undefined,
  ) {}

  get name(): string {
    return this.identity.name;
  }

  get subclass(): string | undefined {
    return this.identity.subclass;
  }

  get coreUuid(): string {
    return this.identity.coreUuid;
  }

  get sequence(): bigint {
    return this.identity.sequence;
  }

  get timestampUs(): bigint {
    return this.identity.timestampUs;
  }

  get channelUuid(): string | undefined {
    return this.identity.channelUuid;
  }

  get headers(): EslHeaders {
    if (this.record === undefined) {
      const record = Object.create(null) as Record<string, string>;
      const pairs = pairsOf(this.plainHeaderBlock, this.lines);
      for (let i = 0; i < pairs.length; i += 2) {
        const name = pairs[i] ?? '';
        if (!(name in record)) record[name] = pairs[i + 1] ?? '';
      }
      this.record = record;
    }
    return this.record;
  }

  header(name: EslHeaderName): string | undefined {
    const raw = findRaw(this.plainHeaderBlock, this.lines, name);
    return raw === undefined ? undefined : own(decoded(raw));
  }

  headerPairs(): readonly string[] {
    return pairsOf(this.plainHeaderBlock, this.lines);
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, subclass: this.subclass, sequence: String(this.sequence), headers: this.headers, body: this.body };
  }
}

/**
 * The raw value of the first line named `name`; case-insensitively when no line has that exact name, as FreeSWITCH
 * matches header names. One pass: names of another length are skipped before any character is compared, and the
 * first line that matches with case folded is remembered while the pass looks on for an exact name. A miss (a header
 * this event does not carry, a few in every event) reads the lines once.
 */
function findRaw(block: string, lines: readonly number[], name: string): string | undefined {
  const length = name.length;
  const first = name.charCodeAt(0);
  let folded = -1;
  for (let i = 0; i < lines.length; i += 3) {
    const start = lines[i] ?? 0;
    const colon = lines[i + 1] ?? 0;
    if (colon - start !== length) continue;
    if (block.charCodeAt(start) === first && block.startsWith(name, start)) {
      return rawValue(block, colon, lines[i + 2] ?? 0);
    }
    if (folded === -1 && sameNameIgnoringCase(block, start, name)) folded = i;
  }
  return folded === -1 ? undefined : rawValue(block, lines[folded + 1] ?? 0, lines[folded + 2] ?? 0);
}

const CASE_BIT = 0x20;

/** Whether `block` at `start` holds `name` (same length assumed), ASCII letters compared case-insensitively. */
function sameNameIgnoringCase(block: string, start: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) {
    const a = block.charCodeAt(start + k);
    const b = name.charCodeAt(k);
    if (a === b) continue;
    // Equal once folded, and a letter: the bit that tells 'A' from 'a' is the only difference.
    const folded = a | CASE_BIT;
    if (folded !== (b | CASE_BIT) || folded < 0x61 || folded > 0x7a) return false;
  }
  return true;
}

/**
 * The identity headers' raw values, found in one pass over the lines (the first line of each name, exactly named),
 * which stops once all six are found: FreeSWITCH writes them among an event's first thirty lines.
 */
function identityLines(block: string, lines: readonly number[]): RawIdentity {
  const found: Partial<Record<keyof RawIdentity, string>> = {};
  let missing = IDENTITY_COUNT;
  for (let i = 0; i < lines.length && missing > 0; i += 3) {
    const start = lines[i] ?? 0;
    const colon = lines[i + 1] ?? 0;
    // By the name's length first: most lines are skipped without reading a character.
    const candidates = IDENTITY_BY_LENGTH[colon - start];
    if (candidates === undefined) continue;
    for (const [name, field] of candidates) {
      if (found[field] === undefined && block.startsWith(name, start)) {
        found[field] = rawValue(block, colon, lines[i + 2] ?? 0);
        missing--;
        break;
      }
    }
  }
  return { name: found.name, subclass: found.subclass, coreUuid: found.coreUuid, sequence: found.sequence, timestamp: found.timestamp, channelUuid: found.channelUuid };
}

/** The identity headers grouped by the length of their names ({@link IDENTITY_HEADERS}). */
const IDENTITY_BY_LENGTH: ([string, keyof RawIdentity][] | undefined)[] = [];
for (const [name, field] of Object.entries(IDENTITY_HEADERS)) {
  (IDENTITY_BY_LENGTH[name.length] ??= []).push([name, field]);
}
const IDENTITY_COUNT = Object.keys(IDENTITY_HEADERS).length;

/**
 * Builds the {@link EslEvent} of a text/event-plain frame body: the header block up to the first blank line, then
 * (when the block has a Content-Length) exactly that many bytes of event body. Returns a description of what is wrong
 * instead: a line that is not `Name: value`, missing identity headers, a body shorter than announced.
 */
export function plainEslEvent(frameBody: Buffer): EslEvent | string {
  // The whole frame body is decoded and indexed in one go: looking for the blank line first was a pass of its own.
  const text = frameBody.toString('utf8');
  const indexed = indexHeaderLines(text);
  if (typeof indexed === 'string') return indexed;
  const { lines, end } = indexed;
  const block = end >= text.length ? text : text.slice(0, end);
  let body: string | undefined;
  // Only an event with text after its header block can have a body, so the Content-Length lookup (a miss for nearly
  // every event) is skipped for the rest.
  const declared = end + 2 < text.length ? findRaw(block, lines, 'Content-Length') : undefined;
  if (declared !== undefined) {
    if (!/^\d{1,10}$/.test(declared)) return `event Content-Length ${JSON.stringify(declared)} is not a number of bytes`;
    // Content-Length counts bytes: the body is cut from the bytes, after the blank line. Where every byte decoded to
    // one character (ASCII, as FreeSWITCH's URL-encoded blocks are) the offsets are the same.
    const bodyStart = (text.length === frameBody.length ? end : frameBody.indexOf('\n\n')) + 2;
    const bodyEnd = bodyStart + Number(declared);
    if (bodyEnd > frameBody.length) {
      return `event body is shorter than its Content-Length ${declared} (${frameBody.length - bodyStart} bytes)`;
    }
    body = frameBody.toString('utf8', bodyStart, bodyEnd);
  }
  // Identity values outlive the event (in log rows waiting for their write, in call state): none may keep the block.
  const raw = identityLines(block, lines);
  const identity = eventIdentity(
    {
      name: sharedCopy(raw.name),
      subclass: sharedCopy(raw.subclass),
      coreUuid: sharedCopy(raw.coreUuid),
      sequence: raw.sequence,
      timestamp: raw.timestamp,
      channelUuid: raw.channelUuid === undefined ? undefined : own(raw.channelUuid),
    },
    true,
  );
  if (typeof identity === 'string') return identity;
  return new PlainEslEvent(identity, block, lines, body);
}
