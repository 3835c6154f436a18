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
    // class-validator names an unknown nested field without its parents; the full path says which one.
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) =>
      rule === 'whitelistValidation' ? `property ${path} should not exist` : message,
    );
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
