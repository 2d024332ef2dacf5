/**
 * Runs a write against the replica with a busy flag and a plain-language error. The sync engine
 * pushes it when online (storage/records.ts onLocalWrite), so the unit's other tablets and the
 * level above see it promptly.
 */
import { createSignal, type Accessor } from 'solid-js';
import { errorOf } from '../../kit/i18n';

export interface Writer {
  busy: Accessor<boolean>;
  error: Accessor<string | null>;
  run: (write: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

export function useWrite(): Writer {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const run = async (write: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await write();
      return true;
    } catch (err) {
      setError(errorOf(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clear: () => setError(null) };
}
