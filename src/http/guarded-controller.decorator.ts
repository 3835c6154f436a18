import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { StaffAuthGuard } from '../auth/staff-auth.guard';
import { StaffOrApiKeyGuard } from '../auth/staff-or-api-key.guard';

/** A controller every route of which is for staff only (the admin and job APIs). */
export function StaffController(path: string): ClassDecorator {
  return applyDecorators(Controller(path), UseGuards(StaffAuthGuard));
}

/** A controller for staff and for integrations holding an API key (the AutoBolt APIs). */
export function StaffOrApiKeyController(path: string): ClassDecorator {
  return applyDecorators(Controller(path), UseGuards(StaffOrApiKeyGuard));
}
