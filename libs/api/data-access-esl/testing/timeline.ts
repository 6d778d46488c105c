/** A min-heap of values by bigint key; equal keys come out in insertion order. */
export class Timeline<T> {
  private heap: Array<{ key: bigint; order: number; value: T }> = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Smallest key, or undefined when empty. */
  peekKey(): bigint | undefined {
    return this.heap[0]?.key;
  }

  push(key: bigint, value: T): void {
    const heap = this.heap;
    heap.push({ key, order: this.counter++, value });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.less(left, smallest)) smallest = left;
        if (right < heap.length && this.less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top.value;
  }

  clear(): void {
    this.heap = [];
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a];
    const y = this.heap[b];
    if (!x || !y) return false;
    return x.key < y.key || (x.key === y.key && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const x = this.heap[a];
    const y = this.heap[b];
    if (!x || !y) return;
    this.heap[a] = y;
    this.heap[b] = x;
  }
}
