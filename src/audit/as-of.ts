/** A point in a job's history: a global log position, or a moment (event metadata timestamps). */
export type AsOf = { readonly kind: 'position'; readonly position: bigint } | { readonly kind: 'time'; readonly at: Date };

export type AsOfParse = { readonly ok: true; readonly asOf: AsOf } | { readonly ok: false; readonly problem: string };

const POSITION = /^\d{1,18}$/;
/** Date, or date and time with optional seconds, fraction and zone (no zone means UTC). */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** How the caller names the two inputs, for the messages (query parameters, CLI options). */
export interface AsOfNames {
  readonly position: string;
  readonly at: string;
}

/** Exactly one of the two must be given; shared by the HTTP query and the CLI options. */
export function parseAsOf(
  position: string | undefined,
  at: string | undefined,
  names: AsOfNames = { position: 'position', at: 'at' },
): AsOfParse {
  if (position !== undefined && at !== undefined) return fail(`give either ${names.position} or ${names.at}, not both`);
  if (position !== undefined) {
    if (!POSITION.test(position)) return fail(`${names.position} must be a global position (a whole number), got ${quote(position)}`);
    return { ok: true, asOf: { kind: 'position', position: BigInt(position) } };
  }
  if (at !== undefined) {
    const time = ISO_8601.test(at) ? parseUtc(at) : null;
    if (time === null) return fail(`${names.at} must be an ISO-8601 time such as 2025-01-31T12:00:00Z, got ${quote(at)}`);
    return { ok: true, asOf: { kind: 'time', at: time } };
  }
  return fail(`give ${names.position} (a global position) or ${names.at} (an ISO-8601 time)`);
}

export function describeAsOf(asOf: AsOf): string {
  return asOf.kind === 'position' ? `position ${asOf.position}` : asOf.at.toISOString();
}

function parseUtc(text: string): Date | null {
  if (!isCalendarDate(text.slice(0, 10))) return null;
  const zoned = /T.*(?:Z|[+-]\d{2}:?\d{2})$/.test(text) || !text.includes('T') ? text : `${text}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? null : new Date(time);
}

/** Date.parse rolls 2025-02-30 over to March; a time in an audit query must name a real day. */
function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number);
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

function fail(problem: string): AsOfParse {
  return { ok: false, problem };
}

function quote(value: string): string {
  return JSON.stringify(value.slice(0, 60));
}
