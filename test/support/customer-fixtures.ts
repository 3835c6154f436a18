/** A new customer as staff register it over HTTP (profile and package). */
export const newCustomer = {
  profile: {
    businessName: 'Harbor <b>Dental</b>',
    email: 'desk@harbor.test',
    contactName: 'Ana Pine',
    phone: '+1 555 0123',
    website: 'https://harbor.test',
    address: '1 Quay St',
    city: 'Portsmouth',
    state: 'NH',
    zip: '03801',
    category: 'dentist',
    description: 'Family dentistry',
    logoUrl: 'https://harbor.test/logo.png',
  },
  package: { directoryCount: 3, tier: 'pro' },
};
