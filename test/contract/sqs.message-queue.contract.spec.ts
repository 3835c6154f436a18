import { randomBytes } from 'node:crypto';
import type { SqsConfig } from '../../src/config/queue-config';
import type { QueueSettings } from '../../src/queue/queue.port';
import { openSqsQueue } from '../../src/queue/sqs/sqs.queue';
import { startFauxqs, type FauxqsProcess } from '../support/fauxqs-server';
import { describeMessageQueueContract, type QueueSubject } from './message-queue.contract';
import { reopenableSubject } from './message-queue.fixtures';

let fauxqs: FauxqsProcess | undefined;
const run = randomBytes(3).toString('hex');
let opened = 0;

beforeAll(async () => {
  fauxqs = await startFauxqs();
});
afterAll(async () => {
  await fauxqs?.stop();
});

describeMessageQueueContract('SQS adapter on fauxqs', async (settings: QueueSettings): Promise<QueueSubject> => {
  if (!fauxqs) throw new Error('fauxqs did not start');
  // Queues of their own per test; the emulator keeps them (and their messages) while it runs.
  const config: SqsConfig = {
    endpoint: fauxqs.endpoint,
    region: 'us-east-1',
    queuePrefix: `contract-${run}-${++opened}`,
    createQueues: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  return reopenableSubject(() => openSqsQueue({ config, settings }));
});
