/**
 * Figures above a unit come from the server when it answers and otherwise from the same shared
 * function over the device's own facts, marked as such (the screen shows a banner). Only a network
 * failure falls back; any other error is the screen's to show. When the browser already knows it
 * has no network (navigator.onLine false), the server is not asked: a request then may fail at
 * once or hang until its timeout (30 s), and the manager should not stare at "Laddar…" meanwhile.
 */
import { AppError } from '../../shared/errors';

export interface Loaded<T> {
  res: T;
  source: 'server' | 'device';
}

export const isNetworkError = (err: unknown): boolean => err instanceof AppError && err.code === 'network';

/**
 * False only when the browser says there is no network at all ("true" promises nothing). The sync
 * engine trusts the same word (it does not push or pull then), so a browser that says "offline"
 * wrongly shows the device's figures with their banner until it says "online" again.
 */
const browserOnline = (): boolean => typeof navigator === 'undefined' || navigator.onLine !== false;

export async function serverElseDevice<T>(server: () => Promise<T>, device: () => Promise<T>, online: () => boolean = browserOnline): Promise<Loaded<T>> {
  if (!online()) return { res: await device(), source: 'device' };
  try {
    return { res: await server(), source: 'server' };
  } catch (err) {
    if (!isNetworkError(err)) throw err;
    return { res: await device(), source: 'device' };
  }
}
