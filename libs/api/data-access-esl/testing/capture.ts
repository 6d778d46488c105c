import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EslEvent, type EslMessage, EslParser } from '../src/index';

/** Real FreeSWITCH 1.11.2 captures shipped with this library (see fixtures/README.md). */
export const CAPTURES = {
  callcenter: join(__dirname, 'fixtures', 'callcenter.esl'),
  sippCall: join(__dirname, 'fixtures', 'sipp-call.esl'),
  webrtcQueueAnswered: join(__dirname, 'fixtures', 'fs-webrtc-queue.esl'),
  webrtcQueueAbandoned: join(__dirname, 'fixtures', 'fs-webrtc-abandon.esl'),
  webrtcHoldDtmf: join(__dirname, 'fixtures', 'fs-webrtc-hold.esl'),
  webrtcBlindTransfer: join(__dirname, 'fixtures', 'fs-webrtc-blind.esl'),
  webrtcAttendedTransfer: join(__dirname, 'fixtures', 'fs-webrtc-attended.esl'),
} as const;

/** One frame of a capture: decoded, with its exact bytes. */
export interface CaptureFrame {
  readonly message: EslMessage;
  readonly raw: Buffer;
}

/** Splits a capture (a path or its bytes) into frames; throws on any frame that does not parse. */
export function readCapture(source: string | Buffer): CaptureFrame[] {
  const bytes = typeof source === 'string' ? readFileSync(source) : source;
  const parser = new EslParser({ keepRaw: true, maxFrameBytes: 64 * 1024 * 1024 });
  return [...parser.push(bytes), ...parser.end()].map((result, index) => {
    if (!result.ok) throw new Error(`capture frame ${index + 1}: ${result.error.message}`);
    return { message: result.message, raw: result.raw ?? Buffer.alloc(0) };
  });
}

/** The event frames of a capture, in order. */
export function captureEvents(source: string | Buffer): Array<{ readonly event: EslEvent; readonly raw: Buffer }> {
  return readCapture(source).flatMap(({ message, raw }) =>
    message.type === 'event' ? [{ event: message.event, raw }] : [],
  );
}
