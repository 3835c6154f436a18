import { randomUUID } from 'node:crypto';
import { decodeReceipt, decodeReceipts, encodeReceipt } from './queue-receipt';

describe('queue receipts', () => {
  it('round-trips ids that contain the separator', () => {
    const receipt = randomUUID();
    expect(decodeReceipt(encodeReceipt('job:1:dir:2', receipt))).toEqual({ id: 'job:1:dir:2', receipt });
  });

  it.each([[''], ['nonsense'], [`${randomUUID()}:`], [`${randomUUID()}-x`], ['x'.repeat(36) + ':id'], [null], [42]])(
    'refuses %p',
    (value) => {
      expect(decodeReceipt(value)).toBeNull();
    },
  );

  it('skips what it cannot decode in a batch', () => {
    const good = encodeReceipt('a', randomUUID());
    expect(decodeReceipts([{ receipt: 'bad' }, { receipt: good }]).map((d) => d.id)).toEqual(['a']);
  });
});
