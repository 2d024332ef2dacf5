// @vitest-environment jsdom
/**
 * primitives/keyed: a live query hands out new objects on every change; rows iterated by id keep
 * their component, so what someone is typing in one survives a sync that lands meanwhile. The
 * same list over the objects themselves loses it (the reason the lists use keyed).
 */
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { keyed } from '../../../src/client/primitives/keyed';

afterEach(cleanup);

interface Item {
  id: string;
  title: string;
}

function Row(props: { item: Item }): JSX.Element {
  const [draft, setDraft] = createSignal('');
  return (
    <label>
      {props.item.title}
      <input aria-label={`Svar ${props.item.id}`} value={draft()} onInput={(e) => setDraft(e.currentTarget.value)} />
    </label>
  );
}

const fresh = (titles: string[]): Item[] => titles.map((title, i) => ({ id: `i${i}`, title }));

describe('keyed', () => {
  it('keeps a row (and what is typed in it) when the query hands out new objects; shows their new content', () => {
    const [items, setItems] = createSignal<Item[]>(fresh(['Lyftsele', 'Sänglarm']));
    render(() => {
      const k = keyed(items, (i) => i.id);
      return <For each={k.ids()}>{(id) => <Show when={k.get(id)}>{(item) => <Row item={item()} />}</Show>}</For>;
    });
    const input = screen.getByLabelText('Svar i1') as HTMLInputElement;
    fireEvent.input(input, { target: { value: 'Extra pool' } });
    setItems(fresh(['Lyftsele', 'Sänglarm på alla salar'])); // a sync: new objects, one title changed
    expect((screen.getByLabelText('Svar i1') as HTMLInputElement).value).toBe('Extra pool');
    expect(screen.getByText('Sänglarm på alla salar')).toBeTruthy();
    setItems(fresh(['Lyftsele'])); // removed rows go
    expect(screen.queryByLabelText('Svar i1')).toBeNull();
  });

  it('(the failure it prevents) a list over the objects rebuilds the row and the text is gone', () => {
    const [items, setItems] = createSignal<Item[]>(fresh(['Lyftsele', 'Sänglarm']));
    render(() => <For each={items()}>{(item) => <Row item={item} />}</For>);
    fireEvent.input(screen.getByLabelText('Svar i1'), { target: { value: 'Extra pool' } });
    setItems(fresh(['Lyftsele', 'Sänglarm']));
    expect((screen.getByLabelText('Svar i1') as HTMLInputElement).value).toBe('');
  });
});
