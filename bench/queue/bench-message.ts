/** A submission-shaped payload (~300 bytes of JSON), the same for every queue under test. */
export interface BenchPayload {
  readonly key: string;
  readonly jobId: string;
  readonly directoryId: string;
  readonly customerId: string;
  readonly attempt: number;
  readonly kind: string;
  readonly listing: { readonly name: string; readonly url: string; readonly phone: string; readonly city: string };
}

export function payloadFor(key: string): BenchPayload {
  return {
    key,
    jobId: `job-0b7f6c2e-${key}`,
    directoryId: 'dir-yelp-business-listing',
    customerId: 'cust-5f1d9a40-3c2b-4e7a-9a51-0d1e2f3a4b5c',
    attempt: 1,
    kind: 'SubmitListing/v1',
    listing: {
      name: 'Bench Plumbing & Heating Ltd',
      url: 'https://bench-plumbing.example.com/contact',
      phone: '+1-555-0100-2233',
      city: 'Springfield',
    },
  };
}

export function keyOf(body: string): string {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed === 'object' && parsed !== null && 'key' in parsed && typeof parsed.key === 'string') return parsed.key;
  throw new Error(`bench message without a key: ${body.slice(0, 80)}`);
}
