import type { EslLogger } from '../src/index';

/** A logger that keeps every line, for tests that check what an operator would read. */
export interface RecordingLogger extends EslLogger {
  readonly lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, debug: at('debug'), log: at('log'), warn: at('warn'), error: at('error') };
}

/** Anything with a typed `once` (EslConnection, EslCluster, EslService-like). */
interface OnceEmitter<E> {
  once<K extends keyof E>(event: K, listener: (...args: E[K] & unknown[]) => void): () => void;
}

/** Resolves with the arguments of the next `event` (that `matches`), or rejects after `timeoutMs`. */
export function nextEmit<E, K extends keyof E>(
  emitter: OnceEmitter<E>,
  event: K,
  timeoutMs = 3_000,
  matches: (...args: E[K] & unknown[]) => boolean = () => true,
): Promise<E[K]> {
  return new Promise((resolve, reject) => {
    let off = (): void => undefined;
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no "${String(event)}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listen = (): void => {
      off = emitter.once(event, (...args) => {
        if (!matches(...args)) return listen();
        clearTimeout(timer);
        resolve(args as E[K]);
      });
    };
    listen();
  });
}

/** Polls `condition` every 5 ms until it holds or `timeoutMs` passes. */
export async function eventually(condition: () => boolean, timeoutMs = 3_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** {@link eventually} for a condition that has to ask something first (a database, Redis, an HTTP endpoint). */
export async function eventuallyAsync(
  condition: () => Promise<boolean>,
  timeoutMs = 3_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
