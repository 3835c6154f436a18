import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A job id is a UUID; lower-cased because stream ids are case-sensitive and we only ever write lower case. */
@Injectable()
export class JobIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new BadRequestException({
        error: 'invalid_job_id',
        message: `Job id must be a UUID; got ${JSON.stringify(value.slice(0, 80))}`,
      });
    }
    return value.toLowerCase();
  }
}

@Injectable()
export class CustomerIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CUSTOMER_ID.test(value)) {
      throw new BadRequestException({
        error: 'invalid_customer_id',
        message: `Customer id must be 1 to 64 letters, digits, "_" or "-"; got ${JSON.stringify(value.slice(0, 80))}`,
      });
    }
    return value;
  }
}
