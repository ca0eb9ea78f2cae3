/** A promise-chain lock: trainer calls from the run loop and from messages never overlap. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(() => fn());
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Runs tasks one after another in arrival order (the worker's message queue). */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  push(task: () => Promise<void>, onError: (e: unknown) => void): Promise<void> {
    this.tail = this.tail.then(task).catch(onError);
    return this.tail;
  }
}
