import { DomainError, isBlank, rejectUnknownCommand, type StreamDecider } from '../shared/decider';
import { PRIORITY_BY_TIER } from '../jobs/job.events';
import type { CustomerCommand, PurchasePackage, RegisterCustomer, UpdateBusinessProfile } from './customer.commands';
import {
  CUSTOMER_EVENT_TYPES,
  MAX_PACKAGE_DIRECTORIES,
  PROFILE_FIELDS,
  type BusinessProfile,
  type CustomerEvent,
  type CustomerPackage,
} from './customer.events';
import { evolveCustomer, initialCustomerState, type CustomerState } from './customer.state';

export type { CustomerCommand } from './customer.commands';
export type { CustomerState } from './customer.state';
export { evolveCustomer, initialCustomerState } from './customer.state';

/** A listing cannot go out without these two, so they may never be blank. */
const REQUIRED_FIELDS: readonly (keyof BusinessProfile)[] = ['businessName', 'email'];

export function decideCustomer(command: CustomerCommand, state: CustomerState): readonly CustomerEvent[] {
  switch (command.type) {
    case 'RegisterCustomer':
      return register(command, state);
    case 'UpdateBusinessProfile':
      return updateProfile(command, editable(state, 'edit the profile of'));
    case 'PurchasePackage':
      return purchase(command, editable(state, 'sell a package to'));
    case 'DeactivateCustomer':
      return existing(state).status === 'deactivated' ? [] : [{ type: 'CustomerDeactivated', data: { customerId: state.customerId } }];
    case 'EraseCustomerData':
      return erase(existing(state));
    default:
      return rejectUnknownCommand(command);
  }
}

export const customerDecider: StreamDecider<CustomerCommand, CustomerEvent, CustomerState> = {
  eventTypes: CUSTOMER_EVENT_TYPES,
  decide: decideCustomer,
  evolve: evolveCustomer,
  initialState: initialCustomerState,
};

function register({ data }: RegisterCustomer, state: CustomerState): readonly CustomerEvent[] {
  if (state.exists) throw new DomainError('ALREADY_EXISTS', `Customer ${data.customerId} is already registered`);
  if (isBlank(data.customerId)) throw new DomainError('INVALID_COMMAND', 'Cannot register a customer: customerId is required');
  for (const field of REQUIRED_FIELDS) requireField(data.profile[field], field, data.customerId);
  requirePackage(data.package, data.customerId);
  return [
    { type: 'CustomerRegistered', data: { customerId: data.customerId, profile: { ...data.profile }, package: { ...data.package } } },
  ];
}

/** Only fields that really change are recorded; an edit that changes nothing records nothing. */
function updateProfile({ data }: UpdateBusinessProfile, state: CustomerState): readonly CustomerEvent[] {
  const changes: Partial<Record<keyof BusinessProfile, string>> = {};
  for (const field of PROFILE_FIELDS) {
    const value = data.changes[field];
    if (value === undefined || value === state.profile[field]) continue;
    if (REQUIRED_FIELDS.includes(field)) requireField(value, field, state.customerId);
    changes[field] = value;
  }
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'BusinessProfileUpdated', data: { customerId: state.customerId, changes } }];
}

function purchase({ data }: PurchasePackage, state: CustomerState): readonly CustomerEvent[] {
  const bought = { directoryCount: data.directoryCount, tier: data.tier };
  requirePackage(bought, state.customerId);
  return [{ type: 'PackagePurchased', data: { customerId: state.customerId, ...bought } }];
}

function erase(state: CustomerState): readonly CustomerEvent[] {
  if (state.erased) return [];
  const customerId = state.customerId;
  const deactivate: CustomerEvent[] = state.status === 'active' ? [{ type: 'CustomerDeactivated', data: { customerId } }] : [];
  return [...deactivate, { type: 'CustomerDataErased', data: { customerId } }];
}

function existing(state: CustomerState): CustomerState {
  if (!state.exists) throw new DomainError('NOT_FOUND', 'No such customer');
  return state;
}

function editable(state: CustomerState, verb: string): CustomerState {
  existing(state);
  if (state.erased) throw new DomainError('ILLEGAL_TRANSITION', `Cannot ${verb} customer ${state.customerId}: its data was erased`);
  if (state.status !== 'active')
    throw new DomainError('ILLEGAL_TRANSITION', `Cannot ${verb} customer ${state.customerId}: it is deactivated`);
  return state;
}

function requireField(value: string | undefined, field: string, customerId: string): void {
  if (isBlank(value)) throw new DomainError('INVALID_COMMAND', `Customer ${customerId}: ${field} must not be blank`);
}

function requirePackage(pkg: CustomerPackage, customerId: string): void {
  const { directoryCount, tier } = pkg;
  if (!Number.isInteger(directoryCount) || directoryCount < 1 || directoryCount > MAX_PACKAGE_DIRECTORIES) {
    throw new DomainError(
      'INVALID_COMMAND',
      `Customer ${customerId}: a package has 1 to ${MAX_PACKAGE_DIRECTORIES} directories; got ${directoryCount}`,
    );
  }
  if (!Object.hasOwn(PRIORITY_BY_TIER, tier))
    throw new DomainError('INVALID_COMMAND', `Customer ${customerId}: unknown package tier ${String(tier)}`);
}
