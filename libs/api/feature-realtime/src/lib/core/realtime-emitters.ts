import type { AgentServerToClientEvents, SupervisorServerToClientEvents } from '@switchboard/shared/contracts';

/** Sends one typed event to every socket of this replica in a room (or in any of several). The only way the gateways send. */
export interface RoomEmitter<Events extends { [K in keyof Events]: (...args: never[]) => void }> {
  emitTo<E extends keyof Events>(room: string | string[], event: E, ...args: Parameters<Events[E]>): void;
  /** Whether any socket of this replica is in `room`. */
  hasSockets(room: string): boolean;
}

export type SupervisorEmitter = RoomEmitter<SupervisorServerToClientEvents>;
export type AgentEmitter = RoomEmitter<AgentServerToClientEvents>;
