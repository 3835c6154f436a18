import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** DTOs are the whitelist: unknown fields are refused, values are converted to their types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new BadRequestException({
        error: 'validation_failed',
        message: `Invalid request: ${problems.join('; ')}`,
        problems,
      });
    },
  });
}

function flatten(errors: readonly ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
