import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TestSubmissionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new BadRequestException({
        error: 'invalid_test_submission_id',
        message: `Test submission id must be a UUID; got ${JSON.stringify(value.slice(0, 80))}`,
      });
    }
    return value.toLowerCase();
  }
}
