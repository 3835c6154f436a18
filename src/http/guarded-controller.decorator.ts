import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiSessionAuth, ApiSessionOrApiKeyAuth } from '../api-docs/api-docs-security';
import { RequiresScope, type ApiKeyScope } from '../auth/api-keys/api-key-scopes';
import { AdminGuard } from '../auth/admin.guard';
import { StaffAuthGuard } from '../auth/staff-auth.guard';
import { StaffOrApiKeyGuard } from '../auth/staff-or-api-key.guard';

// Each also says in the OpenAPI document how its routes authenticate, so a new controller is documented right.

/** A controller every route of which is for staff only (the admin and job APIs). */
export function StaffController(path: string): ClassDecorator {
  return applyDecorators(Controller(path), UseGuards(StaffAuthGuard), ApiTags(path), ApiSessionAuth());
}

/** A controller for staff and for integrations holding an API key with `scope` (the AutoBolt APIs, metrics). */
export function StaffOrApiKeyController(path: string, scope: ApiKeyScope): ClassDecorator {
  return applyDecorators(Controller(path), UseGuards(StaffOrApiKeyGuard), RequiresScope(scope), ApiTags(path), ApiSessionOrApiKeyAuth());
}

/** A controller for admins only (accounts, lockouts, API keys). */
export function AdminController(path: string): ClassDecorator {
  return applyDecorators(Controller(path), UseGuards(AdminGuard), ApiTags(path), ApiSessionAuth());
}
