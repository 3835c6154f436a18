import type { Actor } from '../event-store/event-store.port';

export type StaffRole = 'admin' | 'staff';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'staff'];

/** Who a valid session belongs to. `tokenHash` names the session itself (for logout). */
export type Principal =
  | { readonly kind: 'staff'; readonly accountId: string; readonly email: string; readonly role: StaffRole; readonly tokenHash: string }
  | {
      readonly kind: 'customer';
      readonly loginId: string;
      readonly email: string;
      readonly customerId: string;
      readonly tokenHash: string;
    };

/** The actor recorded on events: the account, never a name the caller chose. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'staff' ? { kind: 'staff', id: principal.accountId } : { kind: 'customer', id: principal.loginId };
}

/** Admin includes staff: an admin may do everything staff may. */
export function hasRole(principal: Principal, role: StaffRole): boolean {
  return principal.kind === 'staff' && (role === 'staff' || principal.role === 'admin');
}

/** Emails compare without case or surrounding spaces. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
