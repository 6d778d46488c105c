/** How many sequences back a node's window reaches: a replay older than this is caught by the database instead. */
const WINDOW = 1 << 18;
/** Nodes remembered at once (a FreeSWITCH restart is a new Core-UUID); the one heard of least recently goes first. */
const NODES_KEPT = 64;

/**
 * Which events were applied already, by Core-UUID and Event-Sequence, so a replayed event (a reconnect, the overlap
 * after a failover) changes nothing. Per node, one bit per sequence in a ring of the last {@link WINDOW} sequences:
 * nothing is allocated per event. Remembering `Core-UUID:Event-Sequence` strings in a set cost a string and a set
 * entry per event, kept for 200,000 events, which the garbage collector copied from one generation to the next.
 * Sequences may arrive out of order (FreeSWITCH does not always deliver in sequence order): any order within the
 * window is told apart exactly.
 */
export class AppliedEvents {
  private readonly nodes = new Map<string, NodeWindow>();

  /** Records the event as applied; false when it had been already. */
  firstTime(node: string, sequence: bigint): boolean {
    let window = this.nodes.get(node);
    if (window === undefined) {
      window = new NodeWindow();
      this.nodes.set(node, window);
      if (this.nodes.size > NODES_KEPT) this.nodes.delete(this.nodes.keys().next().value ?? '');
    } else if (this.nodes.size > 1) {
      // Most streams are one node: the order only matters, and is only kept, when there are several.
      this.nodes.delete(node);
      this.nodes.set(node, window);
    }
    // A sequence is exact as a number up to 2^53: a node counting a million events a second gets there in 285 years.
    return window.firstTime(Number(sequence));
  }
}

class NodeWindow {
  private readonly bits = new Uint32Array(WINDOW / 32);
  /** The highest sequence recorded; -1 before the first. */
  private top = -1;

  firstTime(sequence: number): boolean {
    if (sequence > this.top) {
      // The window moves up: the slots it passes over held sequences that have now left it.
      if (this.top >= 0) this.clear(this.top + 1, sequence);
      this.top = sequence;
    } else if (sequence <= this.top - WINDOW) {
      return true;
    } else if (this.has(sequence)) {
      return false;
    }
    const slot = sequence % WINDOW;
    this.bits[slot >>> 5] = (this.bits[slot >>> 5] ?? 0) | (1 << (slot & 31));
    return true;
  }

  private has(sequence: number): boolean {
    const slot = sequence % WINDOW;
    return ((this.bits[slot >>> 5] ?? 0) & (1 << (slot & 31))) !== 0;
  }

  /** Clears the slots of sequences `from` to `to`, inclusive. */
  private clear(from: number, to: number): void {
    if (to - from + 1 >= WINDOW) {
      this.bits.fill(0);
      return;
    }
    for (let sequence = from; sequence <= to; sequence++) {
      const slot = sequence % WINDOW;
      this.bits[slot >>> 5] = (this.bits[slot >>> 5] ?? 0) & ~(1 << (slot & 31));
    }
  }
}
