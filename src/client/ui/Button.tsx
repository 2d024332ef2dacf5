/** The one button: at least 48 px tall (gloved fingers, a tablet held in one hand). */
import { splitProps, type JSX } from 'solid-js';

export interface ButtonProps extends JSX.ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  size?: 'normal' | 'big';
}

export function Button(props: ButtonProps): JSX.Element {
  const [own, rest] = splitProps(props, ['variant', 'size', 'class', 'type']);
  return (
    <button
      type={own.type ?? 'button'}
      class={`btn btn-${own.variant ?? 'secondary'}${own.size === 'big' ? ' btn-big' : ''}${own.class ? ` ${own.class}` : ''}`}
      {...rest}
    />
  );
}
