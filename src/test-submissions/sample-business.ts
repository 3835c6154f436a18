import type { BusinessSnapshot } from '../jobs/job.events';
import type { TestBusinessDto } from './test-submission.request.dto';

/** What a test submission sends when the caller gives no business: plainly a test, on reserved names. */
export const SAMPLE_BUSINESS: BusinessSnapshot = {
  businessName: 'DirectoryBolt Test Listing',
  email: 'listing-test@example.com',
  phone: '555-0100',
  website: 'https://example.com',
  address: '1 Example Street',
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
  country: 'US',
  category: 'Business Services',
  description: 'A test listing sent by DirectoryBolt to check this directory form. Please ignore.',
  contactName: 'Test Contact',
};

export function toBusinessSnapshot(business: TestBusinessDto | undefined): BusinessSnapshot {
  if (!business) return SAMPLE_BUSINESS;
  return {
    businessName: business.businessName.trim(),
    email: business.email.trim(),
    phone: business.phone ?? '',
    website: business.website ?? '',
    address: business.address ?? '',
    city: business.city ?? '',
    state: business.state ?? '',
    zip: business.zip ?? '',
    country: business.country ?? 'US',
    category: business.category ?? '',
    description: business.description ?? '',
    contactName: business.contactName,
  };
}
