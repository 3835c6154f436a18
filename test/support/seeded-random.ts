import { randomInt } from 'node:crypto';

/** mulberry32: a small 32-bit generator; one seed, one sequence of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The random source of a chaos test: seeded from CHAOS_SEED when set (to replay a failure), else
 * from a fresh seed. The test prints the seed so a failing run can be replayed.
 */
export function chaosRandom(env: NodeJS.ProcessEnv = process.env): { readonly seed: number; readonly random: () => number } {
  const given = env.CHAOS_SEED?.trim();
  if (given && !/^\d+$/.test(given)) throw new Error(`CHAOS_SEED must be a whole number from 0 to 4294967295, got ${JSON.stringify(given)}`);
  const seed = given ? Number(given) >>> 0 : randomInt(0, 2 ** 32);
  return { seed, random: mulberry32(seed) };
}
