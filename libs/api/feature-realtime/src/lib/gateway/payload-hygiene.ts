import { type RealtimeAck, findUnsafeText, summarizeFieldErrors } from '@switchboard/shared/contracts';

/** What {@link refuseUnsafePayloads} needs of a socket.io server-side socket. */
export interface PacketSocket {
  use(middleware: (packet: unknown[], next: (error?: Error) => void) => void): unknown;
}

/**
 * The socket side of the API's input hygiene: an event whose payload holds a NUL character or half of a surrogate
 * pair is dropped before any handler sees it, and its ack (if any) answers `ValidationError` naming the field, as a
 * schema refusal would. One place for every event of both namespaces.
 */
export function refuseUnsafePayloads(socket: PacketSocket): void {
  socket.use((packet, next) => {
    const args = packet.slice(1);
    const ack = args.at(-1);
    const field = args
      .filter((arg) => typeof arg !== 'function')
      .map((arg) => findUnsafeText(arg))
      .find((found) => found !== undefined);
    if (!field) {
      next();
      return;
    }
    const refusal: RealtimeAck<never> = {
      ok: false,
      error: { code: 'ValidationError', message: summarizeFieldErrors([field]) },
    };
    if (typeof ack === 'function') (ack as (answer: RealtimeAck<never>) => void)(refusal);
  });
}
