/** A thread's largest heap and ArrayBuffer use while it analysed, for the memory-bound tests. */
export interface MemoryUse {
  maxHeapUsedBytes: number;
  maxArrayBufferBytes: number;
}

/** Samples this thread's memory as it goes (per isolate: heapUsed and arrayBuffers are the worker's own). */
export class MemoryWatch {
  private heap = 0;
  private buffers = 0;
  private count = 0;

  sample(): void {
    if (this.count++ % 16 !== 0) return;
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    if (heapUsed > this.heap) this.heap = heapUsed;
    if (arrayBuffers > this.buffers) this.buffers = arrayBuffers;
  }

  /** Also takes in what other threads working on the same analysis used at most. */
  include(other: MemoryUse): void {
    this.heap = Math.max(this.heap, other.maxHeapUsedBytes);
    this.buffers = Math.max(this.buffers, other.maxArrayBufferBytes);
  }

  result(): MemoryUse {
    this.count = 0;
    this.sample();
    return { maxHeapUsedBytes: this.heap, maxArrayBufferBytes: this.buffers };
  }
}
