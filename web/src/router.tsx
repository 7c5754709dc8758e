import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/*
 * A tiny History-API router. The server answers every non-API, non-file path with index.html,
 * so a deep link or a reload lands here and renders the right page.
 */

type Listener = () => void;
const listeners = new Set<Listener>();
let navigationCount = 0;

function notify(): void {
  navigationCount += 1;
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

/** Goes to a path of this site; `replace` keeps a redirect out of the back-button history. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.scrollTo(0, 0);
  notify();
}

/**
 * True once the user has moved between pages in this tab: only then do pages take focus, so a
 * fresh load still starts at the skip link.
 */
export function hasNavigated(): boolean {
  return navigationCount > 0;
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const listener = () => setPath(location.pathname);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return path;
}

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: string;
  children: ComponentChildren;
};

/** An ordinary link that switches pages without a reload; modified clicks keep their meaning. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
