import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { DIRECTORY_ID } from '../directory-entries.validation';

/** A directory id in a path, with the same rule as the import's. */
@Injectable()
export class DirectoryIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!DIRECTORY_ID.test(value)) {
      throw new BadRequestException({
        error: 'invalid_directory_id',
        message: `Directory id must be 1 to 100 letters, digits or . _ : -; got ${JSON.stringify(value.slice(0, 80))}`,
      });
    }
    return value;
  }
}
