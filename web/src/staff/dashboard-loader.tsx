import { lazyChunk } from '../lazy-chunk.tsx';

/** The dashboard carries Leaflet (about 40 KB gzipped): a chunk of its own, fetched when it opens. */
const DashboardChunk = lazyChunk(() => import('./dashboard/dashboard-page.tsx'), (t) => t.common.staffConsole);

/** A campaign's dashboard page, once its chunk is here. */
export function DashboardLoader({ campaignId }: { campaignId: string }) {
  return <DashboardChunk render={(module) => <module.DashboardPage campaignId={campaignId} />} />;
}
