/** Repeats `step` (one short transaction each) until it handles less than a full batch. */
export async function inBatches(batchSize: number, step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await step();
    total += count;
    if (count < batchSize) return total;
  }
}
