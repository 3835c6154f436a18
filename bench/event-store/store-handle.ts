import { fork, type ChildProcess } from 'node:child_process';
import type { ChildMessage, ParentMessage, ScenarioResult, StepId, StoreLabel } from './bench-types';
import { STORE_ARG } from './store-child';

/** The parent's side of one store's child process: one request at a time. */
export interface StoreHandle {
  readonly label: StoreLabel;
  run(step: StepId, round: number): Promise<ScenarioResult | null>;
  finish(): Promise<void>;
}

function nextMessage(child: ChildProcess, label: StoreLabel): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage): void => {
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      child.off('message', onMessage);
      reject(new Error(`${label} child exited (${code ?? signal})`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

async function awaitKind<K extends ChildMessage['kind']>(
  child: ChildProcess,
  label: StoreLabel,
  kind: K,
): Promise<Extract<ChildMessage, { kind: K }>> {
  const message = await nextMessage(child, label);
  if (message.kind === 'failed') throw new Error(message.error);
  if (message.kind !== kind) throw new Error(`${label} child sent ${message.kind}, expected ${kind}`);
  return message as Extract<ChildMessage, { kind: K }>;
}

/** Forks `entryFile --store <label>` and waits until its store is open. */
export async function startStore(entryFile: string, label: StoreLabel): Promise<StoreHandle> {
  const child = fork(entryFile, [STORE_ARG, label], { stdio: 'inherit' });
  const request = (message: ParentMessage): void => {
    child.send(message);
  };
  await awaitKind(child, label, 'ready');
  return {
    label,
    async run(step: StepId, round: number) {
      request({ kind: 'run', step, round });
      return (await awaitKind(child, label, 'result')).result;
    },
    async finish() {
      if (child.exitCode !== null || !child.connected) return;
      request({ kind: 'finish' });
      await awaitKind(child, label, 'finished');
    },
  };
}
