import { archiveFilePath } from './ndjson-archive-file';

describe('archiveFilePath', () => {
  it('is $DATA_DIR/archive/queue_history-<UTC date>.ndjson', () => {
    expect(archiveFilePath('/data', new Date('2025-03-04T23:59:59Z'))).toBe('/data/archive/queue_history-2025-03-04.ndjson');
  });
});
