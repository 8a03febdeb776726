// A group commit: the first call goes at once, alone; those made while its statement is on the
// way wait for it and then go together in the next one. Under load one statement carries many
// calls, and none waits longer than about one round trip for its turn. Calls with the same key
// (when a key is given) never share a statement: the second goes in the next one.
interface Waiting<In, Out> {
  input: In;
  settle: (output: Out | undefined, error?: unknown) => void;
}

export class GroupedCalls<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private flushing = false;

  constructor(
    /** Runs one batch; returns an output for each input, in order. */
    private readonly run: (batch: readonly In[]) => Promise<readonly Out[]>,
    private readonly keyOf?: (input: In) => unknown,
  ) {}

  /** Settles with its own output once its batch has run; rejects with the batch's error. */
  call(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        input,
        settle: (output, error) => (error ? reject(error) : resolve(output as Out)),
      });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.nextBatch();
      try {
        const outputs = await this.run(batch.map((one) => one.input));
        for (const [index, one] of batch.entries()) one.settle(outputs[index]);
      } catch (error) {
        for (const one of batch) one.settle(undefined, error ?? new Error("a grouped call failed"));
      }
    }
    this.flushing = false;
  }

  private nextBatch(): Waiting<In, Out>[] {
    if (!this.keyOf) {
      const batch = this.waiting;
      this.waiting = [];
      return batch;
    }
    const keys = new Set<unknown>();
    const batch: Waiting<In, Out>[] = [];
    const later: Waiting<In, Out>[] = [];
    for (const one of this.waiting) {
      const key = this.keyOf(one.input);
      if (keys.has(key)) later.push(one);
      else {
        keys.add(key);
        batch.push(one);
      }
    }
    this.waiting = later;
    return batch;
  }
}
