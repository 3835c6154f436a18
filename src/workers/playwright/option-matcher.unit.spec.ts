import { matchOption } from './option-matcher';
import { stateSpellings } from './us-states';

const states = [
  { value: '', label: 'Select a state' },
  { value: 'AL', label: 'Alabama' },
  { value: 'TX', label: 'Texas' },
  { value: 'NY', label: 'New York' },
];

describe('matchOption', () => {
  it('maps state codes and names both ways, case-insensitively', () => {
    expect(matchOption(states, 'TX', 'state')).toBe('TX');
    expect(matchOption(states, 'texas', 'state')).toBe('TX');
    expect(matchOption([{ value: 'Texas', label: 'Texas' }], 'tx', 'state')).toBe('Texas');
    expect(matchOption([{ value: '7', label: 'New York' }], 'NY', 'state')).toBe('7');
    expect(matchOption(states, 'Ontario', 'state')).toBeNull();
  });

  it('matches countries by common aliases', () => {
    const countries = [
      { value: 'us', label: 'United States' },
      { value: 'gb', label: 'United Kingdom' },
    ];
    expect(matchOption(countries, 'USA', 'country')).toBe('us');
    expect(matchOption(countries, 'UK', 'country')).toBe('gb');
  });

  it('picks the closest category, then a catch-all, never the placeholder', () => {
    const categories = [
      { value: '', label: 'Choose a category' },
      { value: '1', label: 'Restaurants' },
      { value: '2', label: 'Plumbing & Heating' },
      { value: '9', label: 'Other' },
    ];
    expect(matchOption(categories, 'Plumbing', 'category')).toBe('2');
    expect(matchOption(categories, 'plumbers', 'category')).toBe('2');
    expect(matchOption(categories, 'Restaurant', 'category')).toBe('1');
    expect(matchOption(categories, 'Dentist', 'category')).toBe('9');
    expect(matchOption(categories.slice(0, 3), 'Dentist', 'category')).toBeNull();
  });

  it('does not fuzzy-match fields other than category', () => {
    expect(matchOption([{ value: 'a', label: 'Austin Area' }], 'Austin', 'city')).toBeNull();
    expect(matchOption([{ value: 'a', label: 'Austin' }], 'austin', 'city')).toBe('a');
  });

  it('knows the state table', () => {
    expect(stateSpellings('dc')).toEqual(['DC', 'District of Columbia']);
    expect(stateSpellings('North  Carolina')).toEqual(['NC', 'North Carolina']);
    expect(stateSpellings('Bavaria')).toEqual([]);
  });
});
