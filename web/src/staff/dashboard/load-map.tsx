import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import type { Dashboard, DashboardKindergarten } from '../../api-types.ts';
import type { Language } from '../../i18n/language.ts';
import { formatNumber } from '../../format.ts';
import type { StaffMessages } from '../i18n/ru.ts';
import { useStaffI18n } from '../i18n/context.ts';
import { areaColour, bandStyle, districtFillOpacity, districtOutline, loadBand, loadBands, loadShare, type LoadBand } from './load-bands.ts';
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

/**
 * A district's name and load drawn on the map at the middle of its outline: white boxes with dark
 * text, readable on any fill. Not interactive and not a Tab stop (the table is the way in by keyboard).
 */
function districtLabel(name: string, load: string, districtId: string): HTMLElement {
  const label = document.createElement('span');
  label.className = 'district-label';
  label.dataset.qa = 'map-district-label';
  label.dataset.districtId = districtId;
  const title = document.createElement('span');
  title.className = 'district-label__name';
  title.textContent = name;
  const share = document.createElement('span');
  share.className = 'district-label__load';
  share.textContent = load;
  label.append(title, share);
  return label;
}

/** The middle of an outline (the average of its corners; the ring's closing corner counted once). */
function middleOf(outline: readonly (readonly [number, number])[]): L.LatLngTuple {
  const [first] = outline;
  const last = outline[outline.length - 1];
  const ring = first && last && first[0] === last[0] && first[1] === last[1] ? outline.slice(0, -1) : outline;
  return [ring.reduce((sum, [lat]) => sum + lat, 0) / ring.length, ring.reduce((sum, [, lon]) => sum + lon, 0) / ring.length];
}

function drawLayers(group: L.LayerGroup, dashboard: Dashboard, language: Language, text: StaffMessages['dashboard']['map']): void {
  group.clearLayers();
  for (const district of dashboard.districts) {
    if (district.outline.length < 3) continue;
    const band = loadBand(loadShare(district.chosen, district.capacity));
    const load = loadText(language, district.chosen, district.capacity);
    const polygon = L.polygon(district.outline, { color: districtOutline, weight: 2, fillColor: bandStyle[band].fill, fillOpacity: districtFillOpacity })
      .bindTooltip(tooltip(district.name[language], text.numbers(formatNumber(language, district.chosen), formatNumber(language, district.capacity), load)), { sticky: true })
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
      fillOpacity: 1,
    })
      .bindTooltip(tooltip(kindergarten.name[language], text.numbers(formatNumber(language, kindergarten.chosen), formatNumber(language, kindergarten.capacity), loadText(language, kindergarten.chosen, kindergarten.capacity))))
      .addTo(group);
    tagged(marker, { 'data-qa': 'map-point', 'data-kindergarten-id': kindergarten.kindergartenId, 'data-load-band': band });
  }
  // Names last, so they sit above the points they might cover.
  for (const district of dashboard.districts) {
    if (district.outline.length < 3) continue;
    const icon = L.divIcon({ html: districtLabel(district.name[language], loadText(language, district.chosen, district.capacity), district.id), className: 'district-label-anchor', iconSize: [0, 0] });
    L.marker(middleOf(district.outline), { icon, interactive: false, keyboard: false, zIndexOffset: 1000 }).addTo(group);
  }
}

/** Where to look: the whole city, every kindergarten and every district outline (with its name on it). */
function boundsOf(dashboard: Dashboard): L.LatLngBounds | undefined {
  const points: L.LatLngTuple[] = dashboard.kindergartens.filter(hasLocation).map((k) => [k.location.lat, k.location.lon]);
  const all = [...points, ...dashboard.districts.flatMap((district) => district.outline)];
  return all.length > 0 ? L.latLngBounds(all) : undefined;
}

/**
 * The legend: per band the point and the district fill exactly as drawn (both coloured inline from
 * `bandStyle`, the one source the map and the table use) and the band's words.
 */
function Legend({ text, bands }: { text: StaffMessages['dashboard']['map']; bands: StaffMessages['dashboard']['load']['bands'] }) {
  return (
    <div class="map-legend" data-qa="map-legend">
      <p class="map-legend__heading" id="map-legend-heading">
        {text.legend}
      </p>
      <ul class="map-legend__bands" aria-labelledby="map-legend-heading">
        {loadBands.map((band) => (
          <li key={band} data-qa="legend-band" data-load-band={band}>
            <span class="map-legend__swatches" aria-hidden="true">
              <span class="map-legend__dot" data-qa="legend-point" data-load-band={band} style={{ background: bandStyle[band].fill, width: `${bandStyle[band].radius * 2}px`, height: `${bandStyle[band].radius * 2}px` }} />
              <span class="map-legend__area" data-qa="legend-area" data-load-band={band} style={{ background: areaColour(band), borderColor: districtOutline }} />
            </span>
            {bands[band]}
          </li>
        ))}
      </ul>
      <p class="map-legend__note">
        {text.points}. {text.districts}.
      </p>
    </div>
  );
}

/**
 * The city's load on a Leaflet map, first on the dashboard and as wide as the page: kindergartens
 * as circles coloured and sized by load, districts shaded by their summed load with their names
 * and load written on them. Without a tile URL (tests, a closed network) it draws on a plain
 * background. It is a picture for sighted users: keyboard and screen-reader users get the same
 * numbers in the table below it, so the map takes no keyboard focus besides its zoom buttons.
 */
export function LoadMap({ dashboard, filterText }: { dashboard: Dashboard; filterText: string }) {
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
      current.fitBounds(bounds, { paddingTopLeft: [56, 24], paddingBottomRight: [24, 24] });
      fittedTo.current = places;
    } else if (!bounds && fittedTo.current === '') current.setView([0, 0], 1);
    drawLayers(layers.current, dashboard, language, text);
  }, [dashboard, language]);

  const drawn = dashboard.kindergartens.filter(hasLocation);
  const counts = Object.fromEntries(loadBands.map((band) => [band, 0])) as Record<LoadBand, number>;
  for (const kindergarten of drawn) counts[loadBand(loadShare(kindergarten.chosen, kindergarten.capacity))] += 1;
  return (
    <figure class="load-map" data-qa="load-map">
      <figcaption id="map-heading" class="load-map__caption">
        <strong>{text.heading}</strong> <span data-qa="map-filter">({filterText})</span>
      </figcaption>
      <div ref={container} class="load-map__canvas" role="region" aria-label={text.label} aria-describedby="map-summary" data-qa="map-canvas" data-tiles={tileUrl ? 'on' : 'off'} />
      <Legend text={text} bands={s.dashboard.load.bands} />
      <p id="map-summary" data-qa="map-summary">
        {text.summary(drawn.length, formatNumber(language, counts.low), formatNumber(language, counts.medium), formatNumber(language, counts.high))}
      </p>
    </figure>
  );
}
