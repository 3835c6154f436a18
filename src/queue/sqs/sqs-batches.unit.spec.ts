import { chunkForBatches, MAX_BATCH_BYTES } from './sqs-batches';
import { decodeReceipt } from './sqs-message-codec';

describe('chunkForBatches', () => {
  it('splits by count: 25 items make chunks of 10, 10 and 5 in order', () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    const chunks = chunkForBatches(items);
    expect(chunks.map((chunk) => chunk.length)).toEqual([10, 10, 5]);
    expect(chunks.flat()).toEqual(items);
  });

  it('splits by payload: no chunk goes over the batch byte limit', () => {
    const size = 300 * 1024;
    const chunks = chunkForBatches(
      Array.from({ length: 7 }, () => size),
      (bytes) => bytes,
    );
    expect(chunks.map((chunk) => chunk.length)).toEqual([3, 3, 1]);
    for (const chunk of chunks) expect(chunk.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });

  it('gives nothing for nothing', () => {
    expect(chunkForBatches([])).toEqual([]);
  });
});

describe('decodeReceipt', () => {
  it('reads the queue, the first receive time and the handle (which may hold colons)', () => {
    expect(decodeReceipt('P2:1700000000000:abc:def')).toEqual({ key: 'P2', firstReceivedAt: new Date(1700000000000), handle: 'abc:def' });
    expect(decodeReceipt('DLQ::h')).toEqual({ key: 'DLQ', firstReceivedAt: null, handle: 'h' });
  });

  it('refuses a receipt from another adapter', () => {
    expect(() => decodeReceipt('7f0c2a4e-uuid')).toThrow(/not a receipt of the SQS queue adapter/);
  });
});
