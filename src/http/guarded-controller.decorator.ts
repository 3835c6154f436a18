import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { RequiresScope, type ApiKeyScope } from '../auth/api-keys/api-key-scopes';
import { AdminGuard } from '../auth/admin.guard';
import { StaffAuthGuard } from '../auth/staff-auth.guard';
import { StaffOrApiKeyGuard } from '../auth/staff-or-api-key.guard';

/** A controller every route of which is for staff only (the admin and job APIs). */
export function StaffController(path: string): ClassDecorator {
  return applyDecorators(Controller(path), UseGuards(StaffAuthGuard));
}

/** A controller for staff and for integrations holding an API key with `scope` (the AutoBolt APIs, metrics). */
export function StaffOrApiKeyController(path: string, scope: ApiKeyScope): ClassDecorator {
  return applyDecorators(Controller(path), UseGuards(StaffOrApiKeyGuard), RequiresScope(scope));
}

/** A controller for admins only (accounts, lockouts, API keys). */
export function AdminController(path: string): ClassDecorator {
  return applyDecorators(Controller(path), UseGuards(AdminGuard));
}
