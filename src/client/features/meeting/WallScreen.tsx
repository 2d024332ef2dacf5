/** Placeholder while the feature is built (replaced by its owner). */
import type { JSX } from 'solid-js';

export default function Screen(): JSX.Element {
  return <p>…</p>;
}
