/** What a bench section gets and gives back. Sections run one after another, never in parallel. */
import type { Figure } from './report';

export interface BenchContext {
  /** --quick: shorter runs and smaller data, for a smoke run; figures are not comparable. */
  readonly quick: boolean;
  /** Progress to stderr (stdout carries only the table). */
  log(message: string): void;
  /** A built copy of the app (vite build with the project's config), made once per run. */
  appDist(): Promise<string>;
}

export interface SectionResult {
  figures: Figure[];
  /** Everything measured, for latest.json. */
  data: Record<string, unknown>;
  /** Things a reader must know to read the figures (what is not there yet, what was chosen). */
  notes: string[];
}

export interface Section {
  readonly name: string;
  readonly items: readonly number[];
  run(ctx: BenchContext): Promise<SectionResult>;
}

/** Rejects after `ms`: nothing in the bench may wait without bound. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}
