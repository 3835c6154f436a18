import type { AppendOptions, AppendResult, EventStore, StreamSlice } from '../event-store/event-store.port';
import { executeCommand } from './command-executor';
import type { StreamDecider } from './decider';

type Open = { readonly type: 'Open'; readonly data: { readonly id: string } };
type Opened = { readonly type: 'Opened'; readonly data: { readonly id: string } };

const account: StreamDecider<Open, Opened, { readonly open: boolean }> = {
  eventTypes: ['Opened'],
  decide: ({ data }) => [{ type: 'Opened', data }],
  evolve: () => ({ open: true }),
  initialState: () => ({ open: false }),
};

function fakeStore(): { store: EventStore; readStream: jest.Mock; appendToStream: jest.Mock } {
  const readStream = jest.fn(async (): Promise<Pick<StreamSlice, 'events' | 'version'>> => ({ events: [], version: 0 }));
  const appendToStream = jest.fn(
    async (
      _stream: string,
      events: readonly unknown[],
      options: AppendOptions,
    ): Promise<Pick<AppendResult, 'nextVersion' | 'appended'>> => ({
      nextVersion: (typeof options.expectedVersion === 'number' ? options.expectedVersion : 0) + events.length,
      appended: true,
    }),
  );
  return { store: { readStream, appendToStream } as unknown as EventStore, readStream, appendToStream };
}

describe('executeCommand', () => {
  const open: Open = { type: 'Open', data: { id: 'a-1' } };

  it('reads the stream and appends at the version it read', async () => {
    const { store, readStream, appendToStream } = fakeStore();
    await executeCommand(store, 'account-a-1', account, open, { metadata: {} });
    expect(readStream).toHaveBeenCalledTimes(1);
    expect(appendToStream.mock.calls[0][2]).toMatchObject({ expectedVersion: 0 });
  });

  it('skips the read of a new stream and appends expecting no stream, so an existing one is still refused', async () => {
    const { store, readStream, appendToStream } = fakeStore();
    const result = await executeCommand(store, 'account-a-1', account, open, { metadata: {}, newStream: true });
    expect(readStream).not.toHaveBeenCalled();
    expect(appendToStream.mock.calls[0][2]).toMatchObject({ expectedVersion: 'no_stream' });
    expect(result).toMatchObject({ state: { open: true }, version: 1, appended: true });
  });
});
