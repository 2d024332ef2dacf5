/**
 * Administration (#/admin/<tab>): org tree, import and accounts for admins; enrolment codes,
 * tablets and API keys for BI tools (issue 16) for managers and admins. Everything here talks to the server, so it needs the network.
 * The org list is fetched once here and shared by the tabs; a change refetches it and refreshes
 * the device's offline copy.
 */
import { createResource, Match, Show, Switch, type JSX } from 'solid-js';
import { OrgResponse } from '../../../shared/api';
import { useApp, useSession } from '../../kit/context';
import { adminAuditTexts } from '../../../shared/i18n/features/admin-audit';
import { createTexts, errorOf, t } from '../../kit/i18n';
import { href, route } from '../../kit/router';
import { replaceUnits } from '../../storage/org-repo';
import { Banner } from '../../ui/Banner';
import { Tabs } from '../../ui/Tabs';
import { adminApiKeyTexts } from '../../../shared/i18n/features/admin-api-keys';
import { AccountsTab } from './AccountsTab';
import { AuditTab } from './AuditTab';
import { ApiKeysTab } from './ApiKeysTab';
import { ImportTab } from './ImportTab';
import { OrgTab } from './OrgTab';
import { TabletsTab } from './TabletsTab';

type Tab = 'org' | 'import' | 'accounts' | 'tablets' | 'log' | 'keys';
const SEGMENT: Record<Tab, string> = { org: 'organisation', import: 'import', accounts: 'konton', tablets: 'surfplattor', log: 'logg', keys: 'api-nycklar' };
const txAudit = createTexts(adminAuditTexts);
const txKeys = createTexts(adminApiKeyTexts);
const tabLabel = (x: Tab): string => (x === 'log' ? txAudit('tab') : x === 'keys' ? txKeys('tab') : t(`admin.tab.${x}`));

export default function AdminScreen(): JSX.Element {
  const { api, db } = useApp();
  const session = useSession();
  const tabs = (): Tab[] => (session().identity.role === 'admin' ? ['org', 'import', 'accounts', 'tablets', 'log', 'keys'] : ['tablets', 'log', 'keys']);
  const tab = (): Tab => tabs().find((x) => SEGMENT[x] === route().path[1]) ?? tabs()[0] ?? 'tablets';

  const [org, { refetch }] = createResource(async () => {
    const { units } = await api.get('/api/org', OrgResponse);
    await replaceUnits(db, units);
    return units;
  });
  const reload = () => void refetch();

  return (
    <div class="screen admin">
      <header class="screen-head">
        <h1>{t('admin.title')}</h1>
      </header>
      <Tabs
        label={t('admin.title')}
        items={tabs().map((x) => ({ href: href(['admin', SEGMENT[x]]), label: tabLabel(x), current: x === tab() }))}
      />
      <Show when={org.error as unknown}>
        {(err) => (
          <Banner tone="error">
            {errorOf(err())} {t('admin.needsNetwork')}
          </Banner>
        )}
      </Show>
      <Show when={org.state === 'ready' || org.state === 'refreshing' ? org.latest : undefined} fallback={<p class="muted">{t('app.loading')}</p>}>
        {(units) => (
          <Switch>
            <Match when={tab() === 'org'}>
              <OrgTab units={units()} onChanged={reload} />
            </Match>
            <Match when={tab() === 'import'}>
              <ImportTab onImported={reload} />
            </Match>
            <Match when={tab() === 'accounts'}>
              <AccountsTab units={units()} />
            </Match>
            <Match when={tab() === 'tablets'}>
              <TabletsTab units={units()} />
            </Match>
            <Match when={tab() === 'log'}>
              <AuditTab units={units()} />
            </Match>
            <Match when={tab() === 'keys'}>
              <ApiKeysTab units={units()} />
            </Match>
          </Switch>
        )}
      </Show>
    </div>
  );
}
