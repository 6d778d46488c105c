import { EslProtocolError } from '../errors';
import type { EslHeaders } from './esl-event';
import { decodeFrame, emptyHeaders, type EslMessage } from './esl-message';

/** Limits of an {@link EslParser}. */
export interface EslParserOptions {
  /** Largest frame body (Content-Length) accepted; a bigger one is a fatal error, never buffered. Default 8 MiB. */
  readonly maxFrameBytes?: number;
  /** Largest header block accepted before its blank line. Default 64 KiB (FreeSWITCH's are under 1 KiB). */
  readonly maxHeaderBytes?: number;
  /** Attach each frame's raw bytes to its result (capture replay). Off by default: it costs a copy. */
  readonly keepRaw?: boolean;
}

/**
 * What {@link EslParser.push} yields per frame. `fatal` errors mean the framing is lost (bad Content-Length,
 * garbage where headers should be, oversized frame): the parser stops and the connection must be reset.
 * Non-fatal errors concern one frame whose body did not decode; parsing goes on with the next frame.
 */
export type EslParseResult =
  | { readonly ok: true; readonly message: EslMessage; readonly raw: Buffer | undefined }
  | { readonly ok: false; readonly error: EslProtocolError; readonly fatal: boolean };

/** Default cap on a frame body: 8 MiB. */
export const DEFAULT_MAX_FRAME_BYTES = 8 * 1024 * 1024;
const DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);
const LF = 0x0a;
const CONTENT_LENGTH = /^\d{1,15}$/;
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Incremental Event Socket framing over Buffer chunks: a header block ending with an empty line, then exactly
 * `Content-Length` bytes of body. Frames that fit in the chunk they arrived in are sliced without copying; a body
 * spread over chunks is copied once, when complete. Never throws: problems come back as `ok: false` results.
 */
export class EslParser {
  private readonly maxFrameBytes: number;
  private readonly maxHeaderBytes: number;
  private readonly keepRaw: boolean;
  private buffer: Buffer = EMPTY;
  private offset = 0;
  private scanFrom = 0;
  private pendingHeaders: EslHeaders | undefined;
  private pendingHeaderBytes: Buffer = EMPTY;
  private bodyLength = 0;
  private bodyParts: Buffer[] = [];
  private bodyCollected = 0;
  private failure: EslProtocolError | undefined;

  constructor(options: EslParserOptions = {}) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.maxHeaderBytes = Math.min(options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES, this.maxFrameBytes);
    this.keepRaw = options.keepRaw ?? false;
  }

  /** Bytes held while waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.buffer.length - this.offset + this.bodyCollected;
  }

  /** The fatal error that stopped this parser, until {@link reset}. */
  get failed(): EslProtocolError | undefined {
    return this.failure;
  }

  /** Feeds bytes from the socket; returns every frame they complete, in order. */
  push(chunk: Buffer): EslParseResult[] {
    const results: EslParseResult[] = [];
    if (this.failure !== undefined || chunk.length === 0) return results;
    if (this.pendingHeaders !== undefined) {
      const needed = this.bodyLength - this.bodyCollected;
      if (chunk.length < needed) {
        this.bodyParts.push(chunk);
        this.bodyCollected += chunk.length;
        return results;
      }
      this.bodyParts.push(chunk.subarray(0, needed));
      const body = Buffer.concat(this.bodyParts, this.bodyLength);
      this.bodyParts = [];
      this.bodyCollected = 0;
      this.completeFrame(results, body);
      this.buffer = chunk.subarray(needed);
      this.offset = 0;
      this.scanFrom = 0;
    } else if (this.offset >= this.buffer.length) {
      this.buffer = chunk;
      this.offset = 0;
      this.scanFrom = 0;
    } else {
      this.scanFrom = Math.max(0, this.scanFrom - this.offset);
      this.buffer = Buffer.concat([this.buffer.subarray(this.offset), chunk]);
      this.offset = 0;
    }
    this.drain(results);
    return results;
  }

  /** The socket closed: reports a frame left unfinished (a truncated body or header block), then resets. */
  end(): EslParseResult[] {
    const results: EslParseResult[] = [];
    if (this.failure === undefined) {
      if (this.pendingHeaders !== undefined) {
        const type = this.pendingHeaders['Content-Type'] ?? 'untyped';
        this.fail(results, `connection closed mid-frame: received ${this.bodyCollected} of ${this.bodyLength} body bytes of a ${type} frame`);
      } else {
        while (this.offset < this.buffer.length && this.buffer[this.offset] === LF) this.offset++;
        const left = this.buffer.length - this.offset;
        if (left > 0) this.fail(results, `connection closed mid-frame: ${left} bytes of an unfinished header block`);
      }
    }
    this.reset();
    return results;
  }

  /** Forgets everything buffered and any failure (a new connection starts clean). */
  reset(): void {
    this.buffer = EMPTY;
    this.offset = 0;
    this.scanFrom = 0;
    this.pendingHeaders = undefined;
    this.pendingHeaderBytes = EMPTY;
    this.bodyParts = [];
    this.bodyCollected = 0;
    this.bodyLength = 0;
    this.failure = undefined;
  }

  private drain(results: EslParseResult[]): void {
    const buffer = this.buffer;
    while (this.failure === undefined) {
      while (this.offset < buffer.length && buffer[this.offset] === LF) this.offset++;
      if (this.offset >= buffer.length) return;
      const headerStart = this.offset;
      const headerEnd = buffer.indexOf('\n\n', Math.max(headerStart, this.scanFrom - 1));
      if (headerEnd === -1 || headerEnd - headerStart > this.maxHeaderBytes) {
        if (buffer.length - headerStart > this.maxHeaderBytes) {
          this.fail(results, `no end of header block within ${this.maxHeaderBytes} bytes (binary garbage or a runaway frame?)`);
        }
        this.scanFrom = buffer.length;
        return;
      }
      const headers = parseHeaderBlock(buffer.toString('utf8', headerStart, headerEnd));
      if (typeof headers === 'string') return this.fail(results, headers);
      if (headers['Content-Type'] === undefined) {
        // FreeSWITCH types every frame; a block without one means we are reading from the middle of something.
        return this.fail(results, `header block without Content-Type (${Object.keys(headers).slice(0, 3).join(', ')}): the stream is out of step`);
      }
      this.offset = headerEnd + 2;
      this.scanFrom = this.offset;
      const declared = headers['Content-Length'];
      if (declared === undefined) {
        this.pendingHeaderBytes = this.keepRaw ? buffer.subarray(headerStart, this.offset) : EMPTY;
        this.pendingHeaders = headers;
        this.completeFrame(results, undefined);
        continue;
      }
      if (!CONTENT_LENGTH.test(declared)) return this.fail(results, `Content-Length ${JSON.stringify(declared)} is not a number of bytes`);
      const length = Number(declared);
      if (length > this.maxFrameBytes) {
        return this.fail(results, `frame of ${length} bytes exceeds the ${this.maxFrameBytes} byte limit (maxFrameBytes)`);
      }
      this.pendingHeaders = headers;
      this.pendingHeaderBytes = this.keepRaw ? buffer.subarray(headerStart, this.offset) : EMPTY;
      this.bodyLength = length;
      if (buffer.length - this.offset >= length) {
        const body = buffer.subarray(this.offset, this.offset + length);
        this.offset += length;
        this.scanFrom = this.offset;
        this.completeFrame(results, body);
        continue;
      }
      const rest = buffer.subarray(this.offset);
      this.bodyParts = rest.length > 0 ? [rest] : [];
      this.bodyCollected = rest.length;
      this.buffer = EMPTY;
      this.offset = 0;
      this.scanFrom = 0;
      return;
    }
  }

  private completeFrame(results: EslParseResult[], body: Buffer | undefined): void {
    const headers = this.pendingHeaders ?? emptyHeaders();
    const raw = this.keepRaw ? Buffer.concat(body === undefined ? [this.pendingHeaderBytes] : [this.pendingHeaderBytes, body]) : undefined;
    this.pendingHeaders = undefined;
    this.pendingHeaderBytes = EMPTY;
    this.bodyLength = 0;
    let decoded: EslMessage | string;
    try {
      decoded = decodeFrame(headers, body);
    } catch (error) {
      // Not expected (decodeFrame reports problems as strings); kept so one odd frame can never stop the reader.
      decoded = `could not decode ${headers['Content-Type'] ?? 'untyped'} frame: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (typeof decoded === 'string') results.push({ ok: false, error: new EslProtocolError(decoded), fatal: false });
    else results.push({ ok: true, message: decoded, raw });
  }

  private fail(results: EslParseResult[], message: string): void {
    const error = new EslProtocolError(message);
    this.reset();
    this.failure = error;
    results.push({ ok: false, error, fatal: true });
  }
}

/** Parses `Name: value` lines of a frame's outer header block (values are not URL-encoded there). */
function parseHeaderBlock(text: string): EslHeaders | string {
  const headers = emptyHeaders();
  const length = text.length;
  let start = 0;
  while (start <= length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    const colon = text.indexOf(':', start);
    if (colon <= start || colon >= end) return `header line ${JSON.stringify(text.slice(start, Math.min(end, start + 80)))} is not "Name: value"`;
    const name = text.slice(start, colon);
    // The two names every FreeSWITCH frame has need no pattern check.
    if (name !== 'Content-Type' && name !== 'Content-Length' && !HEADER_NAME.test(name)) {
      return `header name ${JSON.stringify(name.slice(0, 40))} is not a header name (binary garbage?)`;
    }
    headers[name] = text.slice(text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1, end);
    start = end + 1;
  }
  return headers;
}
