import { BadRequestException } from '@nestjs/common';
import type { Actor } from '../event-store/event-store.port';
import { headerValue, type ApiRequest } from '../http/api-request';
import { constantTimeEquals } from './constant-time';

const STAFF_ID = /^[A-Za-z0-9._@-]{1,64}$/;
const DEFAULT_STAFF_ID = 'staff';

export type StaffCredentials =
  | { readonly kind: 'staff'; readonly actor: Actor }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' };

/** `Authorization: Bearer <staffApiToken>`; `X-Staff-Id` names who is acting (for the audit trail). */
export function staffCredentials(request: ApiRequest, staffApiToken: string): StaffCredentials {
  const token = bearerToken(headerValue(request, 'authorization'));
  if (token === null) return { kind: 'missing' };
  if (!constantTimeEquals(token, staffApiToken)) return { kind: 'invalid' };
  return { kind: 'staff', actor: { kind: 'staff', id: staffId(headerValue(request, 'x-staff-id')) } };
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

function staffId(header: string | undefined): string {
  const value = header?.trim();
  if (!value) return DEFAULT_STAFF_ID;
  if (!STAFF_ID.test(value)) {
    throw new BadRequestException({ error: 'invalid_staff_id', message: 'X-Staff-Id must be 1 to 64 letters, digits or . _ @ -' });
  }
  return value;
}
