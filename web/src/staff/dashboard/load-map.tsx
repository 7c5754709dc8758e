import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import type { Dashboard, DashboardKindergarten } from '../../api-types.ts';
import type { Language } from '../../i18n/language.ts';
import { formatNumber } from '../../format.ts';
import type { StaffMessages } from '../i18n/ru.ts';
import { useStaffI18n } from '../i18n/context.ts';
import { bandStyle, loadBand, loadBands, loadShare, type LoadBand } from './load-bands.ts';
import { loadText } from './load-table.tsx';

/** Coordinates we can draw: an import without them leaves zeros, which would land in the ocean. */
export function hasLocation(kindergarten: DashboardKindergarten): boolean {
  const { lat, lon } = kindergarten.location;
  return Number.isFinite(lat) && Number.isFinite(lon) && !(lat === 0 && lon === 0);
}

/** A tooltip's content, built as DOM so a name can never be read as markup. */
function tooltip(name: string, line: string): HTMLElement {
  const box = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = name;
  const facts = document.createElement('div');
  facts.textContent = line;
  box.append(title, facts);
  return box;
}

/**
 * Test hooks on a drawn shape, and `tabindex="-1"`: Leaflet listens for focus on shapes with a
 * tooltip, which makes Chromium put every SVG shape in the Tab order (dozens of stops with
 * nothing to do); the table above is where keyboard users read these numbers.
 */
function tagged(layer: L.Path, attributes: Record<string, string>): void {
  const element = layer.getElement();
  for (const [name, value] of Object.entries({ ...attributes, tabindex: '-1' })) element?.setAttribute(name, value);
}

function drawLayers(group: L.LayerGroup, dashboard: Dashboard, language: Language, text: StaffMessages['dashboard']['map']): void {
  group.clearLayers();
  for (const district of dashboard.districts) {
    if (district.outline.length < 3) continue;
    const band = loadBand(loadShare(district.chosen, district.capacity));
    const polygon = L.polygon(district.outline, { color: '#505a5f', weight: 2, fillColor: bandStyle[band].fill, fillOpacity: 0.22 })
      .bindTooltip(tooltip(district.name[language], text.numbers(formatNumber(language, district.chosen), formatNumber(language, district.capacity), loadText(language, district.chosen, district.capacity))), { sticky: true })
      .addTo(group);
    tagged(polygon, { 'data-qa': 'map-district', 'data-district-id': district.id, 'data-load-band': band });
  }
  for (const kindergarten of dashboard.kindergartens.filter(hasLocation)) {
    const band = loadBand(loadShare(kindergarten.chosen, kindergarten.capacity));
    const marker = L.circleMarker([kindergarten.location.lat, kindergarten.location.lon], {
      radius: bandStyle[band].radius,
      color: '#0b0c0c',
      weight: 1.5,
      fillColor: bandStyle[band].fill,
      fillOpacity: 0.95,
    })
      .bindTooltip(tooltip(kindergarten.name[language], text.numbers(formatNumber(language, kindergarten.chosen), formatNumber(language, kindergarten.capacity), loadText(language, kindergarten.chosen, kindergarten.capacity))))
      .addTo(group);
    tagged(marker, { 'data-qa': 'map-point', 'data-kindergarten-id': kindergarten.kindergartenId, 'data-load-band': band });
  }
}

/** Where to look: the kindergartens, or the district outlines when no kindergarten has coordinates. */
function boundsOf(dashboard: Dashboard): L.LatLngBounds | undefined {
  const points: L.LatLngTuple[] = dashboard.kindergartens.filter(hasLocation).map((k) => [k.location.lat, k.location.lon]);
  const fallback = points.length > 0 ? points : dashboard.districts.flatMap((district) => district.outline);
  return fallback.length > 0 ? L.latLngBounds(fallback) : undefined;
}

/**
 * The city's load on a Leaflet map: kindergartens as circles coloured and sized by load,
 * districts shaded by their summed load. Without a tile URL (tests, a closed network) it draws on
 * a plain background. It is a picture for sighted users: keyboard and screen-reader users get the
 * same numbers in the table, so the map takes no keyboard focus besides its zoom buttons.
 */
export function LoadMap({ dashboard }: { dashboard: Dashboard }) {
  const { s, language } = useStaffI18n();
  const text = s.dashboard.map;
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | undefined>(undefined);
  const layers = useRef<L.LayerGroup | undefined>(undefined);
  const fittedTo = useRef('');
  const { tileUrl, attribution } = dashboard.map;

  useEffect(() => {
    if (!container.current) return;
    const created = L.map(container.current, {
      zoomControl: false,
      attributionControl: false,
      keyboard: false,
      // The page scrolls under the wheel and under one finger; zoom has buttons and pinch.
      scrollWheelZoom: false,
      dragging: !L.Browser.mobile,
      zoomSnap: 0.25,
    });
    L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(created);
    layers.current = L.layerGroup().addTo(created);
    map.current = created;
    return () => {
      created.remove();
      map.current = undefined;
    };
  }, []);

  useEffect(() => {
    const current = map.current;
    if (!current || !tileUrl) return;
    const attributionControl = L.control.attribution().addTo(current);
    const tiles = L.tileLayer(tileUrl, { attribution: attribution ?? '', maxZoom: 19 }).addTo(current);
    return () => {
      tiles.remove();
      attributionControl.remove();
    };
  }, [tileUrl, attribution]);

  useEffect(() => {
    const current = map.current;
    if (!current || !layers.current) return;
    // Fit once per set of places, not on every poll: staff may have zoomed in.
    const places = dashboard.kindergartens.map((k) => k.kindergartenId).join(',');
    const bounds = boundsOf(dashboard);
    if (bounds && fittedTo.current !== places) {
      current.fitBounds(bounds, { padding: [24, 24] });
      fittedTo.current = places;
    } else if (!bounds && fittedTo.current === '') current.setView([0, 0], 1);
    drawLayers(layers.current, dashboard, language, text);
  }, [dashboard, language]);

  const drawn = dashboard.kindergartens.filter(hasLocation);
  const counts = Object.fromEntries(loadBands.map((band) => [band, 0])) as Record<LoadBand, number>;
  for (const kindergarten of drawn) counts[loadBand(loadShare(kindergarten.chosen, kindergarten.capacity))] += 1;
  return (
    <section aria-labelledby="map-heading" class="load-map" data-qa="load-map">
      <h3 id="map-heading">{text.heading}</h3>
      <p id="map-summary" data-qa="map-summary">
        {text.summary(drawn.length, formatNumber(language, counts.low), formatNumber(language, counts.medium), formatNumber(language, counts.high))}
      </p>
      <ul class="chart-legend map-legend" aria-label={text.legend}>
        {loadBands.map((band) => (
          <li key={band}>
            <span class={`map-legend__dot map-legend__dot--${band}`} aria-hidden="true" />
            {s.dashboard.load.bands[band]}
          </li>
        ))}
        <li>
          <span class="map-legend__area" aria-hidden="true" />
          {text.districts}
        </li>
      </ul>
      <div ref={container} class="load-map__canvas" role="region" aria-label={text.label} aria-describedby="map-summary" data-qa="map-canvas" data-tiles={tileUrl ? 'on' : 'off'} />
    </section>
  );
}
