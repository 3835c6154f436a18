import { connectionStringFor, createBenchDatabase, dropBenchDatabase } from './bench-database';
import type { BenchStore, ChildMessage, ParentMessage, StoreLabel } from './bench-types';
import { createStepRunner, type StepRunner } from './scenarios';

export const STORE_ARG = '--store';

type StoreOpener = (connectionString: string) => Promise<BenchStore>;

/** Each child loads only its own store's code (Emmett's dumbo rewrites pg's global type parsers). */
async function loadOpener(label: StoreLabel): Promise<StoreOpener> {
  if (label === 'ours') return (await import('./ours-adapter.js')).openOursStore;
  return (await import('./emmett-adapter.js')).openEmmettStore;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('Not started as a child process'));
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

async function handle(runner: StepRunner, message: ParentMessage): Promise<boolean> {
  if (message.kind === 'finish') return false;
  try {
    await send({ kind: 'result', result: await runner.run(message.step, message.round) });
  } catch (error) {
    await send({ kind: 'failed', error: describeError(error) });
  }
  return true;
}

/**
 * The child side: a fresh database and store, then one step per request from the parent (so the
 * parent can interleave the two stores), then the store closed and the database dropped.
 */
export async function serveStore(label: StoreLabel): Promise<void> {
  const open = await loadOpener(label);
  const database = await createBenchDatabase(label);
  try {
    const store = await open(connectionStringFor(database));
    const runner = createStepRunner(store);
    const queue: ParentMessage[] = [];
    let wake: (() => void) | null = null;
    process.on('message', (message: ParentMessage) => {
      queue.push(message);
      wake?.();
    });
    await send({ kind: 'ready' });
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const next = queue.shift();
      if (next === undefined || !(await handle(runner, next))) break;
    }
    await store.close();
  } finally {
    await dropBenchDatabase(database);
  }
  await send({ kind: 'finished' });
  process.disconnect?.();
}
