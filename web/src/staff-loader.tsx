import { lazyChunk } from './lazy-chunk.tsx';

const StaffChunk = lazyChunk(() => import('./staff/console.tsx'), (t) => t.common.staffConsole);

/** Every staff page: the console's chunk, fetched the first time one opens. */
export function StaffConsoleLoader({ path }: { path: string }) {
  return <StaffChunk render={(module) => <module.StaffConsole path={path} />} />;
}
