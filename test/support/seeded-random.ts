import { randomInt } from 'node:crypto';
import { seededRandom } from '../../sandbox/sandbox.state';

/**
 * The random source of a chaos test: seeded from CHAOS_SEED when set (to replay a failure), else
 * from a fresh seed. The test prints the seed so a failing run can be replayed.
 */
export function chaosRandom(env: NodeJS.ProcessEnv = process.env): { readonly seed: number; readonly random: () => number } {
  const given = env.CHAOS_SEED?.trim();
  if (given && !/^\d+$/.test(given))
    throw new Error(`CHAOS_SEED must be a whole number from 0 to 4294967295, got ${JSON.stringify(given)}`);
  const seed = given ? Number(given) >>> 0 : randomInt(0, 2 ** 32);
  return { seed, random: seededRandom(seed) };
}
