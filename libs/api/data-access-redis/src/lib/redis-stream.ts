import type { RedisConnection } from './redis-connection';

/** One entry of a stream: its id (`ms-seq`) and its single JSON payload. */
export interface StreamEntry<T> {
  id: string;
  value: T;
}

interface RawStreamReply {
  name: string;
  messages: { id: string; message: Record<string, string> }[];
}

/** Compares two stream ids (`ms-seq`); negative when `a` is older. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

/**
 * A capped Redis Stream of JSON values: `append` on any connection, `read` blocks on a connection of its own (a
 * blocked XREAD holds its connection). Old entries are trimmed at about `maxLength`.
 */
export class RedisJsonStream<T> {
  constructor(
    readonly key: string,
    private readonly maxLength: number,
  ) {}

  /** Appends a value; resolves with its id. */
  async append(redis: RedisConnection, value: T): Promise<string> {
    return redis.client.xAdd(
      this.key,
      '*',
      { v: JSON.stringify(value) },
      { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.maxLength } },
    );
  }

  /** The id of the newest entry ('0-0' for an empty stream). */
  async lastId(redis: RedisConnection): Promise<string> {
    const newest = (await redis.client.xRevRange(this.key, '+', '-', { COUNT: 1 })) as { id: string }[];
    return newest[0]?.id ?? '0-0';
  }

  /** Entries after `afterId`, waiting up to `blockMs` for the first one. */
  async read(redis: RedisConnection, afterId: string, blockMs: number, count = 1_000): Promise<StreamEntry<T>[]> {
    const reply = (await redis.client.xRead({ key: this.key, id: afterId }, { BLOCK: blockMs, COUNT: count })) as
      | RawStreamReply[]
      | null;
    const entries: StreamEntry<T>[] = [];
    for (const stream of reply ?? [])
      for (const { id, message } of stream.messages)
        if (message['v'] !== undefined) entries.push({ id, value: JSON.parse(message['v']) as T });
    return entries;
  }
}
