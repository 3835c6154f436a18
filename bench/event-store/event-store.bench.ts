import { STORE_LABELS, type StoreLabel } from './bench-types';
import { runPlan } from './bench-plan';
import { loadAverage, machineInfo } from './machine-info';
import { HEADERS, markdownSection, resultRows, targetLines, textTable } from './report';
import { resultsPath, writeResultsSection } from '../shared/results-file';
import { STORE_ARG, serveStore } from './store-child';

/**
 * Event-store benchmark: ours against Emmett's PostgreSQL store, same loads, same server.
 * `npm run bench:event-store`; BENCH_SCALE=0.05 for a smoke run, BENCH_ROUNDS (default 3),
 * BENCH_STORES=emmett to run one store only.
 */
function childStore(argv: readonly string[]): StoreLabel | null {
  const index = argv.indexOf(STORE_ARG);
  const value = index === -1 ? undefined : argv[index + 1];
  return STORE_LABELS.find((label) => label === value) ?? null;
}

function selectedStores(): StoreLabel[] {
  const wanted = process.env.BENCH_STORES?.split(',').map((s) => s.trim());
  return STORE_LABELS.filter((label) => wanted === undefined || wanted.includes(label));
}

async function runParent(): Promise<void> {
  const info = await machineInfo();
  console.log(`Event-store benchmark: ${info.cores} cores, ${info.cpuModel}, ${info.postgres}, Node ${info.node}`);
  console.log(`Load average at start: ${info.loadAtStart}`);
  const runs = await runPlan(__filename, selectedStores());
  const ours = runs.find((run) => run.store === 'ours');
  const emmett = runs.find((run) => run.store === 'emmett');
  const loadAtEnd = loadAverage();
  console.log(`\n${textTable(HEADERS, resultRows(ours, emmett))}\n`);
  console.log(targetLines(ours, emmett).join('\n'));
  console.log(`Load average at end: ${loadAtEnd}`);
  for (const run of runs) {
    if (run.error) console.error(`\n${run.store} FAILED:\n${run.error}`);
  }
  writeResultsSection('## Event store (bench/event-store)', markdownSection({ ...info, loadAtEnd }, ours, emmett));
  console.log(`\nWrote ${resultsPath()}`);
  if (runs.some((run) => run.error)) process.exitCode = 1;
}

const store = childStore(process.argv);
(store === null ? runParent() : serveStore(store)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
  process.disconnect?.();
});
