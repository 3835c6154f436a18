import { BadRequestException } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Deeper than any body the API takes (a form mapping is four levels); far below what recursion in the pipes survives. */
export const MAX_JSON_DEPTH = 32;

/** Pure and iterative (a recursive walk would itself overflow): does `value` nest deeper than `max`? */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<readonly [unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as readonly [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Refuses a parsed body nested deeper than MAX_JSON_DEPTH with a 400, before pipes and the
 * validator walk it recursively: a 3,000-level object used to overflow the stack (a 500).
 */
export function rejectDeepJson(
  request: IncomingMessage & { body?: unknown },
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  if (!nestsDeeperThan(request.body, MAX_JSON_DEPTH)) return next();
  const message = `Request body nests deeper than ${MAX_JSON_DEPTH} levels`;
  next(new BadRequestException({ error: 'body_too_deep', message }));
}
