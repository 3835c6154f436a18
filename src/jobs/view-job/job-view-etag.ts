import type { ServerResponse } from 'node:http';
import { etagOf } from '../../http/if-match';
import type { JobView } from './job-view.query';

/** The view's version as its ETag: the If-Match of the next edit. */
export function withEtag(response: ServerResponse, view: JobView): JobView {
  response.setHeader('ETag', etagOf(view.version));
  return view;
}
