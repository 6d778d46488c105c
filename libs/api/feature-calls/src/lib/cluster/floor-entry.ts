import type { AgentPhoneHealth, LiveEvent, LiveSnapshot } from '@switchboard/shared/contracts';

/**
 * One entry of the shared floor stream. `epoch` is the owner's lease epoch: an entry from an older epoch than one
 * already seen for the node comes from a replica that has since lost the node, and is ignored.
 */
export type FloorEntry =
  | { kind: 'event'; node: string; epoch: number; event: LiveEvent }
  | { kind: 'snapshot'; node: string; epoch: number; snapshot: LiveSnapshot; announce: boolean }
  | { kind: 'phoneHealth'; health: AgentPhoneHealth };

/** A node's floor stored for replicas that join late: valid after stream entry `afterId`. */
export interface StoredNodeFloor {
  afterId: string;
  epoch: number;
  snapshot: LiveSnapshot;
}

/** Redis keys of the shared floor. */
export const floorKeys = {
  stream: 'switchboard:floor',
  node: (node: string): string => `switchboard:floor:node:${node}`,
  /** The set of nodes with a stored floor (replicas may be configured with different nodes). */
  nodes: 'switchboard:floor:nodes',
};

/** About how many entries the stream keeps (a late joiner starts from the stored node floors, not from here). */
export const FLOOR_STREAM_MAX = 50_000;
