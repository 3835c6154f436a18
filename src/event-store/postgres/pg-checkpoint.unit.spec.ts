import { InvalidCheckpointError } from '../event-store.errors';
import { decodePgCheckpoint, encodePgCheckpoint, PG_LOG_START } from './pg-checkpoint';

describe('PostgreSQL checkpoints', () => {
  it('round-trips a (transaction id, position) pair, beyond 2^53', () => {
    const at = { transactionId: '18446744073709551', position: 9_007_199_254_740_993n };
    expect(decodePgCheckpoint(encodePgCheckpoint(at))).toEqual(at);
  });

  it('reads null as the start of the log', () => {
    expect(decodePgCheckpoint(null)).toEqual(PG_LOG_START);
  });

  it.each([['pg:1'], ['esdb:1:2'], ['pg:-1:2'], ['pg:1:2:3'], ['']])('refuses %p', (value) => {
    expect(() => decodePgCheckpoint(value)).toThrow(InvalidCheckpointError);
  });
});
