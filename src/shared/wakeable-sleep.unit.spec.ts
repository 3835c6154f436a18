import { WakeableSleep } from './wakeable-sleep';

describe('WakeableSleep', () => {
  it('sleeps the full time when nobody wakes it', async () => {
    const started = Date.now();
    await new WakeableSleep().sleep(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('a wake cuts the current sleep short', async () => {
    const pause = new WakeableSleep();
    const started = Date.now();
    setTimeout(() => pause.wake(), 10);
    await pause.sleep(5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a wake while nobody sleeps cuts the next sleep short, once', async () => {
    const pause = new WakeableSleep();
    pause.wake();
    const started = Date.now();
    await pause.sleep(5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    const second = Date.now();
    await pause.sleep(50);
    expect(Date.now() - second).toBeGreaterThanOrEqual(45);
  });
});
