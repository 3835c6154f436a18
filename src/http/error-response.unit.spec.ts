import { InvalidEventDataError } from '../event-store/event-store.errors';
import { toErrorResponse } from './error-response';

describe('toErrorResponse', () => {
  it('answers data the event store refuses with 400 invalid_event_data and the store message, never a 500', () => {
    const error = new InvalidEventDataError('JobStatusOverridden', 'JobStatusOverridden: $.reason holds a NUL character (U+0000)');
    expect(toErrorResponse(error)).toEqual({
      status: 400,
      body: { error: 'invalid_event_data', message: 'JobStatusOverridden: $.reason holds a NUL character (U+0000)' },
    });
  });
});
