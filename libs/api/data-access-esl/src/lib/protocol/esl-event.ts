import { decodeHeaderValue } from './percent-decoding';

/** Decoded header values by header name, exactly as FreeSWITCH named them. */
export type EslHeaders = Readonly<Record<string, string>>;

/** Header names this code base reads; any other string is accepted too. */
export type EslHeaderName =
  | 'Event-Name'
  | 'Event-Subclass'
  | 'Core-UUID'
  | 'Event-Sequence'
  | 'Event-Date-Timestamp'
  | 'Unique-ID'
  | 'Channel-Call-UUID'
  | 'Call-Direction'
  | 'Caller-Caller-ID-Number'
  | 'Caller-Caller-ID-Name'
  | 'Caller-Destination-Number'
  | 'Other-Leg-Unique-ID'
  | 'Hangup-Cause'
  | 'Job-UUID'
  | 'DTMF-Digit'
  | 'CC-Action'
  | 'CC-Queue'
  | 'CC-Agent'
  | 'CC-Agent-State'
  | 'CC-Agent-Status'
  | 'CC-Member-UUID'
  | 'CC-Member-Session-UUID'
  | 'CC-Cause'
  | 'CC-Cancel-Reason'
  | 'variable_endpoint_disposition'
  | (string & {});

/** The headers every FreeSWITCH event carries, checked and decoded. */
export interface EventIdentity {
  /** Event-Name: CHANNEL_CREATE, CUSTOM, HEARTBEAT, ... */
  readonly name: string;
  /** Event-Subclass of CUSTOM events (`callcenter::info`, `sofia::register`); undefined otherwise. */
  readonly subclass: string | undefined;
  /** Core-UUID of the FreeSWITCH process that emitted it (changes when FreeSWITCH restarts). */
  readonly coreUuid: string;
  /** Event-Sequence: increases by one per event inside one Core-UUID. */
  readonly sequence: bigint;
  /** Event-Date-Timestamp, microseconds since the Unix epoch. */
  readonly timestampUs: bigint;
  /** Unique-ID of the channel the event is about, when it is about one. */
  readonly channelUuid: string | undefined;
}

/** One FreeSWITCH event (text/event-plain or text/event-json), with its header values decoded. */
export interface EslEvent extends EventIdentity {
  /**
   * Every header, decoded. FreeSWITCH does not repeat a name within an event; should one repeat, an event that came
   * as text/event-plain keeps its first value (as `header()` reads it), one built from decoded pairs its last.
   */
  readonly headers: EslHeaders;
  /** The event body (BACKGROUND_JOB result, MESSAGE text...), when it has one. */
  readonly body: string | undefined;
  /** A header's decoded value; the exact name first, then case-insensitively as FreeSWITCH itself matches. */
  header(name: EslHeaderName): string | undefined;
  /**
   * Every header, decoded, as a flat `name, value, name, value...` list in the order FreeSWITCH sent them (a name
   * may repeat: see `headers`). Cheaper than `headers` when every header is wanted once, as the event
   * log does: no record is built. Do not modify it.
   */
  headerPairs(): readonly string[];
  /**
   * The event's header block exactly as it arrived in text/event-plain (`Name: value` lines, values URL-encoded);
   * undefined for an event that arrived as text/event-json or was built from decoded headers. The event log stores
   * it as it came instead of re-encoding ~150 decoded headers.
   */
  readonly plainHeaderBlock: string | undefined;
}

const DIGITS = /^\d{1,20}$/;

/**
 * Headers are kept as they arrived (a flat name/value list) and turned into a record only when someone asks:
 * `header()` indexes them on first use and decodes only the values it returns; `headers` decodes them all, once.
 * Reading two headers of an event therefore costs far less than decoding its hundred-odd variables.
 */
class DecodedEslEvent implements EslEvent {
  readonly plainHeaderBlock = undefined;
  private record: Record<string, string> | undefined;
  private index: Map<string, string> | undefined;
  private lookups = 0;

  constructor(
    readonly name: string,
    readonly subclass: string | undefined,
    readonly coreUuid: string,
    readonly sequence: bigint,
    readonly timestampUs: bigint,
    readonly channelUuid: string | undefined,
    readonly body: string | undefined,
    /** name, value, name, value... */
    private readonly pairs: readonly string[],
    /** Whether values are still URL-encoded (text/event-plain) or already plain (text/event-json). */
    private readonly encoded: boolean,
  ) {}

  get headers(): EslHeaders {
    if (this.record === undefined) {
      const record = emptyRecord();
      const { pairs, encoded } = this;
      for (let i = 0; i < pairs.length; i += 2) {
        const value = pairs[i + 1] ?? '';
        record[pairs[i] ?? ''] = encoded && value.indexOf('%') !== -1 ? decodeHeaderValue(value) : value;
      }
      this.record = record;
    }
    return this.record;
  }

  header(name: EslHeaderName): string | undefined {
    if (this.record !== undefined) return this.record[name] ?? this.caseInsensitive(name);
    if (this.index === undefined && this.lookups++ < 4) {
      // The first few lookups scan: cheaper than indexing a hundred headers to read one or two.
      for (let i = 0; i < this.pairs.length; i += 2) if (this.pairs[i] === name) return this.value(this.pairs[i + 1] ?? '');
      return this.caseInsensitive(name);
    }
    if (this.index === undefined) {
      const index = new Map<string, string>();
      for (let i = 0; i < this.pairs.length; i += 2) index.set(this.pairs[i] ?? '', this.pairs[i + 1] ?? '');
      this.index = index;
    }
    const raw = this.index.get(name);
    return raw === undefined ? this.caseInsensitive(name) : this.value(raw);
  }

  private value(raw: string): string {
    return this.encoded && raw.indexOf('%') !== -1 ? decodeHeaderValue(raw) : raw;
  }

  headerPairs(): readonly string[] {
    const { pairs } = this;
    if (!this.encoded) return pairs;
    const decoded = pairs.slice();
    for (let i = 1; i < decoded.length; i += 2) decoded[i] = this.value(decoded[i] ?? '');
    return decoded;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, subclass: this.subclass, sequence: String(this.sequence), headers: this.headers, body: this.body };
  }

  /**
   * Most lookups that end here are misses (a header this event does not carry), so this scans instead of indexing
   * the hundred-odd names in lower case, which cost more than everything else ingestion does with an event. Names
   * of another length are skipped before any case folding (header names are ASCII); the last of equal names wins,
   * as in `headers`.
   */
  private caseInsensitive(name: string): string | undefined {
    const lower = name.toLowerCase();
    const { pairs } = this;
    for (let i = pairs.length - 2; i >= 0; i -= 2) {
      const key = pairs[i] ?? '';
      if (key.length === lower.length && key.toLowerCase() === lower) return this.value(pairs[i + 1] ?? '');
    }
    return undefined;
  }
}

function emptyRecord(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/**
 * Builds an {@link EslEvent} from a flat `name, value, ...` list (values URL-encoded when `encoded`). Returns a
 * message saying what is missing when the identity headers every FreeSWITCH event carries (Event-Name, Core-UUID,
 * Event-Sequence, Event-Date-Timestamp) are absent or not numbers.
 */
export function eslEventFromPairs(pairs: readonly string[], encoded: boolean, body: string | undefined): EslEvent | string {
  const raw: Partial<Record<keyof RawIdentity, string>> = {};
  for (let i = 0; i < pairs.length; i += 2) {
    const field = IDENTITY_HEADERS[pairs[i] ?? ''];
    if (field !== undefined) raw[field] = pairs[i + 1];
  }
  const identity = eventIdentity(raw, encoded);
  if (typeof identity === 'string') return identity;
  const { name, subclass, coreUuid, sequence, timestampUs, channelUuid } = identity;
  return new DecodedEslEvent(name, subclass, coreUuid, sequence, timestampUs, channelUuid, body, pairs, encoded);
}

/** The identity headers' values as they arrived (URL-encoded when the event came as text/event-plain). */
export interface RawIdentity {
  readonly name: string | undefined;
  readonly subclass: string | undefined;
  readonly coreUuid: string | undefined;
  readonly sequence: string | undefined;
  readonly timestamp: string | undefined;
  readonly channelUuid: string | undefined;
}

/** The identity headers by name, with the field of {@link RawIdentity} each fills. */
export const IDENTITY_HEADERS: Readonly<Record<string, keyof RawIdentity>> = Object.assign(Object.create(null) as object, {
  'Event-Name': 'name',
  'Event-Subclass': 'subclass',
  'Core-UUID': 'coreUuid',
  'Event-Sequence': 'sequence',
  'Event-Date-Timestamp': 'timestamp',
  'Unique-ID': 'channelUuid',
} as const);

/**
 * Checks and decodes the identity headers every FreeSWITCH event carries (Event-Name, Core-UUID, Event-Sequence,
 * Event-Date-Timestamp); returns a message saying what is missing or not a number instead.
 */
export function eventIdentity(raw: Partial<RawIdentity>, encoded: boolean): EventIdentity | string {
  const plain = (value: string | undefined): string | undefined => (value && encoded && value.indexOf('%') !== -1 ? decodeHeaderValue(value) : value || undefined);
  const name = plain(raw.name);
  if (!name) return 'event has no Event-Name header';
  const coreUuid = plain(raw.coreUuid);
  if (!coreUuid) return `${name} event has no Core-UUID header`;
  const { sequence, timestamp } = raw;
  if (sequence === undefined || !DIGITS.test(sequence)) return `${name} event has no numeric Event-Sequence (got ${JSON.stringify(sequence)})`;
  if (timestamp === undefined || !DIGITS.test(timestamp)) {
    return `${name} event has no numeric Event-Date-Timestamp (got ${JSON.stringify(timestamp)})`;
  }
  return {
    name,
    subclass: plain(raw.subclass),
    coreUuid,
    sequence: BigInt(sequence),
    timestampUs: BigInt(timestamp),
    channelUuid: plain(raw.channelUuid),
  };
}

/** Builds an {@link EslEvent} from already decoded headers (see {@link eslEventFromPairs}). */
export function createEslEvent(headers: EslHeaders, body: string | undefined): EslEvent | string {
  return eslEventFromPairs(Object.entries(headers).flat(), false, body);
}
