import { SetMetadata } from '@nestjs/common';

export const ALLOW_CUSTOMER = 'auth:allow-customer';

/**
 * Lets a customer session through StaffAuthGuard on this route. The handler must then scope what
 * it answers to the session's customer (see `customerScope`).
 */
export const AllowCustomer = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOW_CUSTOMER, true);
