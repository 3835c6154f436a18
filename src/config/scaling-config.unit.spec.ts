import { loadConfig } from './app-config';

describe('scaling settings', () => {
  it('defaults to 1–10 workers, up above 50 queued per worker, down below 10', () => {
    expect(loadConfig({}).scaling).toEqual({ minWorkers: 1, maxWorkers: 10, scaleUpAbove: 50, scaleDownBelow: 10 });
  });

  it('refuses a maximum under the minimum and a down threshold not under the up one', () => {
    expect(() => loadConfig({ SCALING_MIN_WORKERS: '5', SCALING_MAX_WORKERS: '2' })).toThrow(/SCALING_MAX_WORKERS must not be less/);
    expect(() => loadConfig({ SCALING_UP_ABOVE: '10', SCALING_DOWN_BELOW: '10' })).toThrow(/SCALING_DOWN_BELOW must be less/);
  });
});
