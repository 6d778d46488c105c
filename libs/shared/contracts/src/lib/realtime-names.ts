// Where the realtime API lives, without zod (see desk-codes.ts for why browser-imported values stay apart).

/** socket.io path of the realtime API (socket.io's default). */
export const REALTIME_PATH = '/socket.io';

/** Namespace names. */
export const REALTIME_NAMESPACES = { supervisor: '/supervisor', agent: '/agent' } as const;
