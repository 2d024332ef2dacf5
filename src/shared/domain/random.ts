/**
 * A small seeded PRNG (mulberry32) for everything that must be random yet repeatable: the demo
 * seed (the same demo on every machine), the fuzz tests (a failing seed reruns exactly) and the
 * benchmarks' generated data. Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
