import { ConcurrencyGovernor, DEFAULT_GOVERNOR, MachineSampler } from './concurrency-governor';

const governor = (min: number, max: number): ConcurrencyGovernor => new ConcurrencyGovernor({ min, max, ...DEFAULT_GOVERNOR });

describe('ConcurrencyGovernor', () => {
  it('starts halfway between min and max', () => {
    expect(governor(1, 8).current()).toBe(5);
    expect(governor(4, 4).current()).toBe(4);
  });

  it('steps down while the CPU is saturated, never below min', () => {
    const g = governor(1, 8);
    const steps = Array.from({ length: 10 }, () => g.adapt({ cpuBusy: 0.97, memoryFree: 0.5 }, true));
    expect(steps.slice(0, 5)).toEqual([4, 3, 2, 1, 1]);
  });

  it('steps up with headroom only when every slot was in use, never above max', () => {
    const g = governor(1, 4);
    expect(g.adapt({ cpuBusy: 0.3, memoryFree: 0.5 }, false)).toBe(3);
    expect([1, 2, 3].map(() => g.adapt({ cpuBusy: 0.3, memoryFree: 0.5 }, true))).toEqual([4, 4, 4]);
  });

  it('holds between the thresholds and steps down when memory is short, whatever the CPU', () => {
    const g = governor(1, 8);
    expect(g.adapt({ cpuBusy: 0.8, memoryFree: 0.5 }, true)).toBe(5);
    expect(g.adapt({ cpuBusy: 0.1, memoryFree: 0.05 }, true)).toBe(4);
  });

  it('samples the machine as shares between 0 and 1', () => {
    const sampler = new MachineSampler();
    let spin = 0;
    for (let i = 0; i < 2e6; i += 1) spin += i;
    const sample = sampler.sample();
    expect(spin).toBeGreaterThan(0);
    expect(sample.cpuBusy).toBeGreaterThanOrEqual(0);
    expect(sample.cpuBusy).toBeLessThanOrEqual(1);
    expect(sample.memoryFree).toBeGreaterThan(0);
    expect(sample.memoryFree).toBeLessThan(1);
  });
});
