import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { SqsConfig } from '../../src/config/queue-config';
import type { MessageQueue, OutgoingMessage, Priority, QueueSettings } from '../../src/queue/queue.port';
import { sqsQueueName } from '../../src/queue/sqs/sqs-queue-setup';
import { openSqsQueue } from '../../src/queue/sqs/sqs.queue';
import { startFauxqs, type FauxqsProcess } from '../support/fauxqs-server';
import { eventually } from '../support/eventually';

const SETTINGS: QueueSettings = {
  visibilityTimeoutMs: 300_000,
  maxReceiveCount: 3,
  receiveWaitMs: 20_000,
  retentionMs: 4 * 24 * 3600_000,
  deadLetterRetentionMs: 14 * 24 * 3600_000,
};
const run = randomBytes(3).toString('hex');
let prefixes = 0;
let fauxqs: FauxqsProcess;
let admin: SQSClient;
const opened: MessageQueue[] = [];

beforeAll(async () => {
  fauxqs = await startFauxqs();
  admin = new SQSClient({
    region: 'us-east-1',
    endpoint: fauxqs.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterEach(async () => {
  fauxqs.resume();
  await Promise.all(opened.splice(0).map((queue) => queue.close()));
});
afterAll(async () => {
  admin.destroy();
  await fauxqs.stop();
});

function sqsConfig(extra: Partial<SqsConfig> = {}): SqsConfig {
  return {
    endpoint: fauxqs.endpoint,
    region: 'us-east-1',
    queuePrefix: `int-${run}-${++prefixes}`,
    createQueues: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...extra,
  };
}

async function open(config: SqsConfig, settings = SETTINGS, requestTimeoutMs?: number): Promise<MessageQueue> {
  const queue = await openSqsQueue({ config, settings, requestTimeoutMs });
  opened.push(queue);
  return queue;
}

async function attributesOf(name: string): Promise<Record<string, string>> {
  const { QueueUrl } = await admin.send(new GetQueueUrlCommand({ QueueName: name }));
  const { Attributes } = await admin.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
  return Attributes ?? {};
}

const message = (priority: Priority, body = 'x'): OutgoingMessage => ({ id: `msg-${randomUUID()}`, priority, body });

describe('SQS queue adapter (fauxqs)', () => {
  it('creates the tier queues and the DLQ with their attributes and the redrive policy', async () => {
    const config = sqsConfig();
    await open(config);
    const dlq = await attributesOf(`${config.queuePrefix}-dlq`);
    expect(dlq).toMatchObject({ VisibilityTimeout: '300', ReceiveMessageWaitTimeSeconds: '20', MessageRetentionPeriod: '1209600' });
    expect(dlq.RedrivePolicy).toBeUndefined();
    for (const tier of ['p1', 'p2', 'p3']) {
      const attributes = await attributesOf(`${config.queuePrefix}-${tier}`);
      expect(attributes).toMatchObject({ VisibilityTimeout: '300', ReceiveMessageWaitTimeSeconds: '20', MessageRetentionPeriod: '345600' });
      expect(JSON.parse(attributes.RedrivePolicy)).toEqual({ deadLetterTargetArn: dlq.QueueArn, maxReceiveCount: 3 });
    }
  });

  it('opening again with other settings is idempotent and brings the attributes up to date', async () => {
    const config = sqsConfig();
    const first = await open(config);
    await first.send([message('P2')]);
    await open(config, { ...SETTINGS, visibilityTimeoutMs: 60_000, maxReceiveCount: 5 });
    const p2 = await attributesOf(`${config.queuePrefix}-p2`);
    expect(p2.VisibilityTimeout).toBe('60');
    expect(JSON.parse(p2.RedrivePolicy).maxReceiveCount).toBe(5);
    expect((await first.depth()).tiers.P2.visible).toBe(1);
  });

  it('with createQueues=false, opens when the queues exist and refuses, naming them, when one is missing', async () => {
    const config = sqsConfig();
    await open(config);
    await expect(open({ ...config, createQueues: false })).resolves.toBeDefined();
    const missing = sqsConfig({ createQueues: false });
    const refused = open(missing);
    await expect(refused).rejects.toThrow(`SQS queue(s) missing: ${sqsQueueName(missing.queuePrefix, 'P1')}`);
    await expect(refused).rejects.toThrow(/-dlq\. SQS_CREATE_QUEUES is false/);
  });

  it('splits a send of 25 into 3 SendMessageBatch calls, and large bodies by the 1 MiB batch payload', async () => {
    const proxy = await startCountingProxy(fauxqs.endpoint);
    try {
      const queue = await open(sqsConfig({ endpoint: proxy.endpoint }));
      await queue.send(Array.from({ length: 25 }, () => message('P1')));
      expect(proxy.calls('SendMessageBatch')).toBe(3);
      await queue.send(Array.from({ length: 10 }, () => message('P3', 'b'.repeat(200 * 1024))));
      expect(proxy.calls('SendMessageBatch')).toBe(5);
      const depth = await queue.depth();
      expect([depth.tiers.P1.visible, depth.tiers.P3.visible]).toEqual([25, 10]);
    } finally {
      await proxy.close();
    }
  });

  it('a single-tier long poll is one request for the whole wait', async () => {
    const proxy = await startCountingProxy(fauxqs.endpoint);
    try {
      const queue = await open(sqsConfig({ endpoint: proxy.endpoint }));
      const before = proxy.calls('ReceiveMessage');
      expect(await queue.receive({ priorities: ['P2'], maxMessages: 5, waitMs: 2000 })).toEqual([]);
      // One short poll, then one long poll of 2 s.
      expect(proxy.calls('ReceiveMessage') - before).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it('with the backend paused, calls fail with a clear error; after resume they work and the state is kept', async () => {
    const queue = await open(sqsConfig(), SETTINGS, 1000);
    const kept = message('P1');
    await queue.send([kept]);
    fauxqs.pause();
    const started = Date.now();
    await expect(queue.send([message('P2')])).rejects.toThrow(
      /SQS SendMessageBatch to int-.*-p2: no answer from http:\/\/127\.0\.0\.1:\d+ within 1000 ms/,
    );
    await expect(queue.depth()).rejects.toThrow(/no answer .* within 1000 ms/);
    await expect(queue.receive({ priorities: ['P1'], maxMessages: 1, waitMs: 0, visibilityMs: 1000 })).rejects.toThrow(/ReceiveMessage/);
    expect(Date.now() - started).toBeLessThan(5000);
    fauxqs.resume();
    const ids = new Set<string>();
    // A receive abandoned during the pause may still take the message once the backend resumes:
    // it then stays hidden for that receive's visibility (1 s here) and comes back.
    await eventually(
      async () => {
        for (const got of await queue.receive({ priorities: ['P1'], maxMessages: 10, waitMs: 1000 })) ids.add(got.id);
        return ids.has(kept.id);
      },
      { timeoutMs: 5000, intervalMs: 0, message: 'the kept message to come back' },
    );
    expect(ids.has(kept.id)).toBe(true);
  });

  it('a message received more than maxReceiveCount times is moved by the redrive policy (fauxqs implements it)', async () => {
    const queue = await open(sqsConfig(), { ...SETTINGS, maxReceiveCount: 1 });
    const sent = message('P3');
    await queue.send([sent]);
    expect(await queue.receive({ priorities: ['P3'], maxMessages: 1, waitMs: 0, visibilityMs: 0 })).toHaveLength(1);
    expect(await queue.receive({ priorities: ['P3'], maxMessages: 1, waitMs: 0 })).toEqual([]);
    const [dead] = await queue.listDeadLetters({ limit: 10 });
    expect(dead).toMatchObject({ id: sent.id, priority: 'P3', receiveCount: 1, error: 'maxReceiveCount (1) exceeded' });
    // Listing records the facts SQS does not keep, so a second listing reports the same times.
    expect(await queue.listDeadLetters({ limit: 10 })).toEqual([dead]);
  });
});

interface CountingProxy {
  readonly endpoint: string;
  calls(action: string): number;
  close(): Promise<void>;
}

/** Forwards to fauxqs, counting SQS actions by their X-Amz-Target header. */
async function startCountingProxy(target: string): Promise<CountingProxy> {
  const counts = new Map<string, number>();
  const server: Server = createServer((incoming, outgoing) => {
    const action = String(incoming.headers['x-amz-target'] ?? '').replace('AmazonSQS.', '');
    counts.set(action, (counts.get(action) ?? 0) + 1);
    const forwarded = request(`${target}${incoming.url ?? '/'}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: (action) => counts.get(action) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
