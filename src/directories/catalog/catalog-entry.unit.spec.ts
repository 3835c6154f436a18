import { mappingStatusOf, recentSuccessOf } from './catalog-entry';

describe('catalog entry', () => {
  it('names the mapping a worker would use: curated over learned over none', () => {
    expect(mappingStatusOf({ curated: true, learned: true })).toBe('curated');
    expect(mappingStatusOf({ curated: false, learned: true })).toBe('learned');
    expect(mappingStatusOf({ curated: false, learned: false })).toBe('none');
  });

  it('gives the success rate over finished submissions, null when none finished', () => {
    expect(recentSuccessOf({ succeeded: 2, finished: 3 }, 30)).toEqual({ windowDays: 30, succeeded: 2, finished: 3, rate: 0.6667 });
    expect(recentSuccessOf(undefined, 7)).toEqual({ windowDays: 7, succeeded: 0, finished: 0, rate: null });
  });
});
