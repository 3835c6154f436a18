import type { BenchEvent, BenchEventData } from './bench-types';

const DESCRIPTION = 'Family-run bakery and cafe: sourdough, pastries, seasonal lunches.';

/** A listing-like payload whose JSON is about 300 bytes (see PAYLOAD_BYTES). */
export function benchEventData(seq: number): BenchEventData {
  return {
    seq,
    listingId: `lst-${String(seq).padStart(10, '0')}`,
    businessName: 'Bolt Street Bakery & Cafe',
    address: '1200 Market Street, Suite 410, San Francisco, CA 94102',
    phone: '+1-415-555-0199',
    website: 'https://boltstreetbakery.example.com',
    description: DESCRIPTION,
  };
}

export const PAYLOAD_BYTES = Buffer.byteLength(JSON.stringify(benchEventData(0)));

export function benchEvents(count: number, firstSeq: number): BenchEvent[] {
  const events: BenchEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    events.push({ type: 'BenchEvent', data: benchEventData(firstSeq + i) });
  }
  return events;
}
