import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('bounds holders and serves waiters in order; aborted waiters leave', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const order: number[] = [];
    const controller = new AbortController();
    const aborted = semaphore.acquire(controller.signal).catch(() => order.push(0));
    const second = semaphore.acquire().then(() => order.push(2));
    controller.abort();
    await aborted;
    semaphore.release();
    await second;
    expect(order).toEqual([0, 2]);
    expect(semaphore.inUse).toBe(1);
  });
});
