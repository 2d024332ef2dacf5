/**
 * Figures above a unit come from the server when it answers and otherwise from the same shared
 * function over the device's own facts, marked as such (the screen shows a banner). Only a network
 * failure falls back; any other error is the screen's to show.
 */
import { AppError } from '../../shared/errors';

export interface Loaded<T> {
  res: T;
  source: 'server' | 'device';
}

export const isNetworkError = (err: unknown): boolean => err instanceof AppError && err.code === 'network';

export async function serverElseDevice<T>(server: () => Promise<T>, device: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { res: await server(), source: 'server' };
  } catch (err) {
    if (!isNetworkError(err)) throw err;
    return { res: await device(), source: 'device' };
  }
}
