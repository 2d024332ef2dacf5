/**
 * Åtgärder och idéer (#/forbattring, #/forbattring/ideer): the unit's action list and its ideas
 * kanban, as tabs. ?unit=… picks a unit in the caller's subtree (a VO's own list at a VO).
 * ?ny=1&orsak=…&ref=…&etikett=… opens the new-action form with its cause (the boards' links).
 */
import { Match, Show, Switch, type JSX } from 'solid-js';
import { localDate } from '../../../shared/domain/periods';
import { pageNow } from '../../kit/clock';
import { href, route } from '../../kit/router';
import { Tabs } from '../../ui/Tabs';
import { useUnit } from '../../kit/use-unit';
import { tx } from './texts';
import { causeFromQuery } from './action-model';
import { ActionList } from './ActionList';
import { IdeaBoard } from './IdeaBoard';
import './improvements.css';

export default function ImprovementsScreen(): JSX.Element {
  const u = useUnit();
  const today = () => localDate(pageNow());
  const tab = () => (route().path[1] === 'ideer' ? 'ideas' : 'actions');
  const q = () => ({ unit: route().query.unit });
  return (
    <div class="screen improvements">
      <header class="screen-head">
        <h1>{tx('improvements.title')}</h1>
        <p class="unit-name">{u.unit()?.name ?? ''}</p>
      </header>
      <Tabs
        label={tx('improvements.title')}
        items={[
          { href: href(['forbattring'], q()), label: tx('actions.title'), current: tab() === 'actions' },
          { href: href(['forbattring', 'ideer'], q()), label: tx('ideas.title'), current: tab() === 'ideas' },
        ]}
      />
      <Show when={u.tree()} fallback={<p class="muted">…</p>}>
        {(tree) => (
          <Switch>
            <Match when={tab() === 'ideas'}>
              <Show when={u.unitId()} keyed>
                {(id) => <IdeaBoard unitId={id} units={tree()} editable={true} />}
              </Show>
            </Match>
            <Match when={true}>
              <Show when={`${u.unitId()}|${route().query.ny ?? ''}|${route().query.ref ?? ''}`} keyed>
                {(_key) => (
                  <ActionList
                    unitId={u.unitId()}
                    units={tree()}
                    today={today()}
                    editable={true}
                    newCause={route().query.ny === '1' ? causeFromQuery(route().query) : null}
                    startOpen={route().query.ny === '1'}
                  />
                )}
              </Show>
            </Match>
          </Switch>
        )}
      </Show>
    </div>
  );
}
