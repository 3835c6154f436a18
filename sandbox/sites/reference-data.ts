export const US_STATES: readonly (readonly [code: string, name: string])[] = [
  ['AL', 'Alabama'],
  ['AK', 'Alaska'],
  ['AZ', 'Arizona'],
  ['AR', 'Arkansas'],
  ['CA', 'California'],
  ['CO', 'Colorado'],
  ['CT', 'Connecticut'],
  ['DE', 'Delaware'],
  ['DC', 'District of Columbia'],
  ['FL', 'Florida'],
  ['GA', 'Georgia'],
  ['HI', 'Hawaii'],
  ['ID', 'Idaho'],
  ['IL', 'Illinois'],
  ['IN', 'Indiana'],
  ['IA', 'Iowa'],
  ['KS', 'Kansas'],
  ['KY', 'Kentucky'],
  ['LA', 'Louisiana'],
  ['ME', 'Maine'],
  ['MD', 'Maryland'],
  ['MA', 'Massachusetts'],
  ['MI', 'Michigan'],
  ['MN', 'Minnesota'],
  ['MS', 'Mississippi'],
  ['MO', 'Missouri'],
  ['MT', 'Montana'],
  ['NE', 'Nebraska'],
  ['NV', 'Nevada'],
  ['NH', 'New Hampshire'],
  ['NJ', 'New Jersey'],
  ['NM', 'New Mexico'],
  ['NY', 'New York'],
  ['NC', 'North Carolina'],
  ['ND', 'North Dakota'],
  ['OH', 'Ohio'],
  ['OK', 'Oklahoma'],
  ['OR', 'Oregon'],
  ['PA', 'Pennsylvania'],
  ['RI', 'Rhode Island'],
  ['SC', 'South Carolina'],
  ['SD', 'South Dakota'],
  ['TN', 'Tennessee'],
  ['TX', 'Texas'],
  ['UT', 'Utah'],
  ['VT', 'Vermont'],
  ['VA', 'Virginia'],
  ['WA', 'Washington'],
  ['WV', 'West Virginia'],
  ['WI', 'Wisconsin'],
  ['WY', 'Wyoming'],
];

/** Option value ids differ from labels on some sites, as in real CMS category trees. */
export const CATEGORIES: readonly (readonly [id: string, label: string])[] = [
  ['3', 'Restaurants'],
  ['5', 'Retail'],
  ['8', 'Professional Services'],
  ['11', 'Health & Medical'],
  ['12', 'Home Services'],
  ['14', 'Technology'],
  ['17', 'Automotive'],
  ['21', 'Beauty & Spas'],
  ['24', 'Education'],
  ['29', 'Real Estate'],
  ['99', 'Other'],
];

export const COUNTRIES: readonly (readonly [code: string, name: string])[] = [
  ['US', 'United States'],
  ['CA', 'Canada'],
  ['GB', 'United Kingdom'],
  ['AU', 'Australia'],
  ['DE', 'Germany'],
];

/** `CA` or `California` → [code, name]; undefined when unknown. */
export function findState(value: string): readonly [string, string] | undefined {
  const wanted = value.trim().toLowerCase();
  return US_STATES.find(([code, name]) => code.toLowerCase() === wanted || name.toLowerCase() === wanted);
}

export function findCategory(value: string): readonly [string, string] {
  const wanted = value.trim().toLowerCase();
  const found = CATEGORIES.find(([id, label]) => id === wanted || label.toLowerCase() === wanted);
  return found ?? CATEGORIES[CATEGORIES.length - 1];
}
