/** The org import at the console (`npm run admin -- import-org FILE`): the same all-or-nothing import as the API, as the console's admin. */
import { AppError } from '../../shared/errors';
import { ERROR_MESSAGE_KEYS } from '../../shared/i18n/format';
import { sv } from '../../shared/i18n/sv';
import { consolePrincipal } from '../auth/principal';
import { importOrg } from '../org/import';
import type { Store } from '../store/store';
import { FirstStartError } from './first-admin';

export async function importOrgFile(store: Store, format: 'csv' | 'json', content: string) {
  try {
    return await importOrg(store, consolePrincipal, format, content);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const lines = (e.errors ?? []).map((x) => {
      const key = ERROR_MESSAGE_KEYS[x.code as keyof typeof ERROR_MESSAGE_KEYS];
      return `  rad ${x.line}${x.path?.length ? ` (${x.path.join('.')})` : ''}: ${key ? sv[key] : x.code}`;
    });
    throw new FirstStartError([sv[ERROR_MESSAGE_KEYS[e.code]] ?? e.code, ...lines].join('\n'));
  }
}
