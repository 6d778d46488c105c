import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes 10 s of silence as a 48 kHz 16-bit mono WAV and returns its path: a fake microphone for Chromium
 * (`--use-file-for-fake-audio-capture`), so a test can tell who hears whom (the default fake microphone beeps).
 */
export function writeSilence(dir: string): string {
  const rate = 48_000;
  const samples = rate * 10;
  const data = Buffer.alloc(samples * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  const path = join(dir, 'silence.wav');
  writeFileSync(path, Buffer.concat([header, data]));
  return path;
}
