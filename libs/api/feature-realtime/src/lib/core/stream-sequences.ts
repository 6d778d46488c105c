/**
 * Sequence numbers per stream (the floor, one queue room, one agent): each stream counts 1, 2, 3… without holes, so
 * a client that sees a jump knows it missed something and asks for a snapshot.
 */
export class StreamSequences {
  private readonly last = new Map<string, number>();

  /** The next number of `stream` (1 for its first delta). */
  next(stream: string): number {
    const seq = (this.last.get(stream) ?? 0) + 1;
    this.last.set(stream, seq);
    return seq;
  }

  /** The last number handed out on `stream` (0 before any): a snapshot taken now is followed by `current + 1`. */
  current(stream: string): number {
    return this.last.get(stream) ?? 0;
  }
}

/** Stream and room names, shared by the router and the gateways. */
export const streams = {
  floor: 'floor',
  queue: (queue: string): string => `queue:${queue}`,
  agent: (agent: string): string => `agent:${agent}`,
  /** The room of sockets that take `room`'s deltas in batches. */
  batched: (room: string): string => `${room}#batch`,
} as const;
