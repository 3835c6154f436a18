import { NotFoundException } from '@nestjs/common';

export function directoryNotFound(directoryId: string): NotFoundException {
  return new NotFoundException({ error: 'directory_not_found', message: `No directory "${directoryId}" in the catalog` });
}
