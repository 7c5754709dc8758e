import { useEffect, useRef } from 'preact/hooks';
import { hasNavigated } from '../router.tsx';

/**
 * The page's only h1. It names the tab, and after an in-app navigation it takes focus so a
 * screen reader announces the new page and the next Tab starts from the content.
 */
export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} — kezek`;
  }, [children]);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
