import type { TableDiff, VerifyReport } from '../../projections/runtime/projection-verify';
import { truncate } from './text-table';

/** `projections verify`: "no difference", or per table the counts and the sample rows. */
export function formatVerifyReport(report: VerifyReport): string[] {
  const head = `${report.projection}: ${report.eventsReplayed} events replayed`;
  if (report.problem) return [`${report.projection}: cannot verify: ${report.problem}`];
  if (report.ok) return [`${head}: no difference`];
  return [`${head}: DIFFERENT`, ...report.tables.filter(differs).flatMap(describeTable)];
}

function differs(table: TableDiff): boolean {
  return table.missingCount > 0 || table.unexpectedCount > 0;
}

function describeTable(t: TableDiff): string[] {
  return [
    `  ${t.table}: live ${t.liveRows} rows, replay ${t.replayedRows} rows; ${t.missingCount} missing from live, ${t.unexpectedCount} unexpected in live`,
    ...t.missingFromLive.map((row) => `    missing from live:  ${truncate(JSON.stringify(row), 300)}`),
    ...t.unexpectedInLive.map((row) => `    unexpected in live: ${truncate(JSON.stringify(row), 300)}`),
  ];
}
