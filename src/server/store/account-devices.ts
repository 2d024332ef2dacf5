/** A person's devices (issue 18): listed and ended by an admin, all ended when the account is disabled. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { DeviceRow, StoreTx } from './store';

export function accountDeviceOps(db: Kysely<Database>, toDevice: (r: Database['devices']) => DeviceRow): Pick<StoreTx, 'listAccountDevices' | 'revokeAccountDevices'> {
  return {
    listAccountDevices: async (accountId) =>
      (await db.selectFrom('devices').selectAll().where('kind', '=', 'account').where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute()).map(toDevice),
    revokeAccountDevices: async (accountId, at) => {
      await db.updateTable('devices').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
    },
  };
}
