import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';

const VERSION_TAG = /^(?:W\/)?"(\d{1,15})"$|^(\d{1,15})$/;

/** `"3"`, `W/"3"` or `3` → 3. Missing → 428; anything else (`*`, lists) → 400: an edit must name the version it saw. */
export function parseIfMatch(header: string | undefined): number {
  const value = header?.trim();
  if (!value) {
    throw new HttpException(
      {
        error: 'precondition_required',
        message: 'This request needs an If-Match header with the version you last read (its ETag), e.g. If-Match: "3"',
      },
      HttpStatus.PRECONDITION_REQUIRED,
    );
  }
  const match = VERSION_TAG.exec(value);
  if (!match) {
    throw new BadRequestException({
      error: 'invalid_if_match',
      message: `If-Match must be one version as "n", W/"n" or n; got ${JSON.stringify(value.slice(0, 40))}`,
    });
  }
  return Number(match[1] ?? match[2]);
}

export function etagOf(version: number): string {
  return `"${version}"`;
}
