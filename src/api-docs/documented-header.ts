import { ApiHeader, type ApiHeaderOptions } from '@nestjs/swagger';

/**
 * For a custom parameter decorator that reads a header (its `createParamDecorator` enhancer):
 * the routes that take the parameter list the header in the OpenAPI document too.
 */
export function documentedHeader(options: ApiHeaderOptions): ParameterDecorator {
  return (target, key) => {
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) ApiHeader(options)(target, key, descriptor);
  };
}
