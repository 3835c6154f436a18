import type { Event, EventTypes } from '../../shared/message';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { PackageTier } from '../../jobs/job.events';
import {
  ERASED,
  PROFILE_FIELDS,
  type BusinessProfile,
  type CustomerEvent,
  type CustomerPackage,
  type ProfileField,
} from '../customer.events';
import { emptyProfile } from '../customer.state';
import { open, seal } from './personal-data-cipher';

/** Profile values as the log keeps them: field names in the clear, values sealed under the data key. */
export interface SealedFields {
  readonly fields: readonly ProfileField[];
  readonly sealed: string;
}

/** Customer events as stored: what CustomerEvent holds in plain text, minus the personal values. */
export type StoredCustomerEvent =
  | Event<'CustomerRegistered', { customerId: string; package: CustomerPackage; profile: SealedFields }>
  | Event<'BusinessProfileUpdated', { customerId: string; changes: SealedFields }>
  | Event<'PackagePurchased', { customerId: string; directoryCount: number; tier: PackageTier }>
  | Event<'CustomerDeactivated', { customerId: string }>
  | Event<'CustomerDataErased', { customerId: string }>;

export const STORED_CUSTOMER_EVENT_TYPES: EventTypes<StoredCustomerEvent> = [
  'CustomerRegistered',
  'BusinessProfileUpdated',
  'PackagePurchased',
  'CustomerDeactivated',
  'CustomerDataErased',
];

const aadOf = (customerId: string, type: string): string => `customer-${customerId}/${type}`;

function sealFields(key: Buffer | null, values: Partial<BusinessProfile>, aad: string): SealedFields {
  if (!key) throw new Error("Cannot store personal data without the customer's data key (erased, or never registered)");
  const fields = PROFILE_FIELDS.filter((field) => values[field] !== undefined);
  const picked = Object.fromEntries(fields.map((field) => [field, values[field]]));
  return { fields, sealed: seal(key, JSON.stringify(picked), aad) };
}

/** A key that is gone (erased) reads every sealed field as ERASED. */
function openFields(key: Buffer | null, stored: SealedFields, aad: string): Partial<BusinessProfile> {
  if (!key) return Object.fromEntries(stored.fields.map((field) => [field, ERASED]));
  const parsed: unknown = JSON.parse(open(key, stored.sealed, aad));
  const values: Partial<Record<ProfileField, string>> = {};
  for (const field of stored.fields) {
    const value = (parsed as Partial<Record<ProfileField, unknown>>)[field];
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

export function sealCustomerEvent(event: CustomerEvent, key: Buffer | null): StoredCustomerEvent {
  const aad = aadOf(event.data.customerId, event.type);
  switch (event.type) {
    case 'CustomerRegistered':
      return {
        type: event.type,
        data: { customerId: event.data.customerId, package: event.data.package, profile: sealFields(key, event.data.profile, aad) },
      };
    case 'BusinessProfileUpdated':
      return { type: event.type, data: { customerId: event.data.customerId, changes: sealFields(key, event.data.changes, aad) } };
    default:
      return event;
  }
}

export function openCustomerEvent(event: RecordedEvent<StoredCustomerEvent>, key: Buffer | null): CustomerEvent {
  const aad = aadOf(event.data.customerId, event.type);
  switch (event.type) {
    case 'CustomerRegistered': {
      const profile = { ...emptyProfile(), ...openFields(key, event.data.profile, aad) };
      return { type: event.type, data: { customerId: event.data.customerId, package: event.data.package, profile } };
    }
    case 'BusinessProfileUpdated':
      return { type: event.type, data: { customerId: event.data.customerId, changes: openFields(key, event.data.changes, aad) } };
    case 'PackagePurchased':
      return { type: event.type, data: event.data };
    case 'CustomerDeactivated':
      return { type: event.type, data: event.data };
    case 'CustomerDataErased':
      return { type: event.type, data: event.data };
    default: {
      const unexpected: never = event;
      throw new Error(`Unknown customer event ${(unexpected as { type: string }).type}`);
    }
  }
}

/** Which fields an event touched, readable with or without the key (the history keeps only names). */
export function fieldsTouched(event: StoredCustomerEvent): readonly string[] {
  switch (event.type) {
    case 'CustomerRegistered':
      return [...event.data.profile.fields, 'package'];
    case 'BusinessProfileUpdated':
      return event.data.changes.fields;
    case 'PackagePurchased':
      return ['package'];
    case 'CustomerDeactivated':
      return ['status'];
    case 'CustomerDataErased':
      return [...PROFILE_FIELDS];
    default:
      return [];
  }
}
