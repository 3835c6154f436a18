import { BadGatewayException } from '@nestjs/common';

/** The submitter is another system (a browser, a site): its failure is a bad gateway, not our 500. */
export function submitterFailed(directoryId: string, detail: string): BadGatewayException {
  return new BadGatewayException({ error: 'submitter_failed', message: `The submitter failed on directory "${directoryId}": ${detail}` });
}
