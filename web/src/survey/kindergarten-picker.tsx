import { useMemo, useState } from 'preact/hooks';
import type { SurveyDistrict, SurveyKindergarten } from '../api-types.ts';
import { PlaceChanceText } from '../components/place-chance.tsx';
import { useI18n } from '../i18n/context.tsx';
import { QuestionGroup, toggled, type QuestionProps } from './questions.tsx';

interface PickerProps extends QuestionProps<'kindergartens'> {
  readonly kindergartens: readonly SurveyKindergarten[];
  readonly districts: readonly SurveyDistrict[];
}

export const kindergartenInputId = (kindergartenId: string) => `kg-${kindergartenId}`;

/** How many of the list a phone shows at first: the step stays a few screens long. */
const pageSize = 6;

/** Squared distance in degrees, longitude squeezed by latitude: enough to order by nearness. */
function nearness(from: SurveyKindergarten['location'], to: SurveyKindergarten['location']): number {
  const squeeze = Math.cos((from.lat * Math.PI) / 180);
  return (from.lat - to.lat) ** 2 + ((from.lon - to.lon) * squeeze) ** 2;
}

/**
 * Question 1: up to `max` kindergartens. Built for a phone: search first, what is chosen (the
 * application's own kindergartens, preselected), then a short list ordered by nearness to the
 * chosen ones (or filtered by district), each with its load and, for the application's own kindergartens, the child's chance in words; more on request.
 * The map is folded away: it only repeats the list for sighted users.
 */
export function KindergartenPicker({ question, draft, update, error, kindergartens, districts }: PickerProps) {
  const { t, language } = useI18n();
  const [search, setSearch] = useState('');
  const [district, setDistrict] = useState('');
  const [limit, setLimit] = useState(pageSize);
  const { max } = question;
  const picked = draft.picked[question.id] ?? [];
  const full = picked.length >= max;
  const districtName = (id: string) => districts.find((d) => d.id === id)?.name[language] ?? id;
  const byId = useMemo(() => new Map(kindergartens.map((k) => [k.kindergartenId, k])), [kindergartens]);
  // Nearness is measured from the first kindergarten chosen when the step opened: the order must
  // not jump under the parent's thumb while they tick.
  const [anchor] = useState(() => picked.map((id) => byId.get(id)).find((k) => k !== undefined));

  const matching = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase(language);
    const found = kindergartens.filter(
      (k) => (district === '' || k.district === district) && (needle === '' || k.name[language].toLocaleLowerCase(language).includes(needle)),
    );
    return anchor
      ? found.sort((a, b) => nearness(anchor.location, a.location) - nearness(anchor.location, b.location))
      : found.sort((a, b) => a.name[language].localeCompare(b.name[language], language));
  }, [kindergartens, search, district, language, anchor]);
  const shown = matching.slice(0, limit);

  const setPicked = (id: string, on: boolean) => update((d) => ({ ...d, picked: { ...d.picked, [question.id]: toggled(d.picked[question.id], id, on) } }));

  return (
    <QuestionGroup question={question} error={error} qa="kindergarten-picker">
      <div class="field">
        <label for="kindergarten-search">{t.survey.search}</label>
        <input
          class="input"
          type="search"
          id="kindergarten-search"
          value={search}
          onInput={(event) => {
            setSearch(event.currentTarget.value);
            setLimit(pageSize);
          }}
          // Enter filters, it does not send the step.
          onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
          autocomplete="off"
          data-qa="kindergarten-search"
        />
      </div>

      <div class="picker__chosen">
        <p class="picker__count" role="status" data-qa="kindergartens-chosen" data-count={picked.length}>
          {t.survey.chosen(picked.length, max)}
        </p>
        {picked.length > 0 && (
          <ol class="picker__chosen-list">
            {picked.map((id) => {
              const name = byId.get(id)?.name[language] ?? id;
              return (
                <li key={id} data-qa="kindergarten-chosen" data-kindergarten-id={id}>
                  {name}{' '}
                  <button type="button" class="link-button" onClick={() => setPicked(id, false)} data-qa="kindergarten-remove">
                    {t.survey.remove}
                    <span class="visually-hidden">: {name}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        )}
        {full && (
          <p class="notice" id="kindergartens-full" data-qa="kindergartens-full">
            {t.survey.maxReached(max)}
          </p>
        )}
      </div>

      <div class="field">
        <label for="kindergarten-district">{t.survey.district}</label>
        <select
          class="input"
          id="kindergarten-district"
          value={district}
          onChange={(event) => {
            setDistrict(event.currentTarget.value);
            setLimit(pageSize);
          }}
          data-qa="kindergarten-district"
        >
          <option value="">{anchor ? t.survey.nearby : t.survey.allDistricts}</option>
          {districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name[language]}
            </option>
          ))}
        </select>
      </div>

      <p class="hint" data-qa="chance-hint">
        {t.placeChance.onlyYours} {t.placeChance.caveat}
      </p>
      {matching.length === 0 ? (
        <p data-qa="kindergartens-none">{t.survey.noMatches}</p>
      ) : (
        <ul class="picker__list" data-qa="kindergarten-list">
          {shown.map((k) => {
            const inputId = kindergartenInputId(k.kindergartenId);
            const checked = picked.includes(k.kindergartenId);
            const disabled = full && !checked;
            return (
              <li key={k.kindergartenId} class="choice choice--rich" data-qa="kindergarten-option" data-kindergarten-id={k.kindergartenId} data-chance={k.estimates[0]?.chance ?? 'none'}>
                <input
                  class="choice__input"
                  type="checkbox"
                  id={inputId}
                  name="kindergartens"
                  checked={checked}
                  disabled={disabled}
                  onChange={(event) => setPicked(k.kindergartenId, event.currentTarget.checked)}
                  aria-describedby={`${inputId}-facts${disabled ? ' kindergartens-full' : ''}`}
                  data-qa="kindergarten-checkbox"
                />
                <label class="choice__label" for={inputId}>
                  {k.name[language]}
                </label>
                <p class="choice__facts" id={`${inputId}-facts`}>
                  <span>
                    {districtName(k.district)} · {t.ownership[k.ownership]}
                  </span>
                  <br />
                  <span data-qa="kindergarten-load">{t.survey.load(k.load.chosen, k.load.capacity)}</span>
                  <br />
                  {k.estimates.map((estimate) => (
                    <span key={estimate.applicationId} class="choice__chance">
                      {k.estimates.length > 1 && `${estimate.childName}. `}
                      <PlaceChanceText estimate={estimate} birthYear={Number(estimate.birthDate.slice(0, 4))} qa="kindergarten-chance" />
                    </span>
                  ))}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {matching.length > shown.length && (
        <button type="button" class="button button--secondary" onClick={() => setLimit((current) => current + pageSize)} data-qa="kindergartens-more">
          {t.survey.showMore(Math.min(pageSize, matching.length - shown.length), matching.length - shown.length)}
        </button>
      )}

      <details class="picker__map-box">
        <summary>{t.survey.showMap}</summary>
        <KindergartenMap kindergartens={kindergartens} shown={shown} picked={picked} />
      </details>
    </QuestionGroup>
  );
}

const mapWidth = 320;

/**
 * An inline SVG of the kindergartens by latitude and longitude (an equirectangular projection of
 * their bounding box): the chosen ones are large, numbered as in the list of chosen ones. No
 * tiles, no library; hidden from screen readers, for whom the list is the control.
 */
function KindergartenMap({ kindergartens, shown, picked }: { kindergartens: readonly SurveyKindergarten[]; shown: readonly SurveyKindergarten[]; picked: readonly string[] }) {
  if (kindergartens.length === 0) return null;
  const lats = kindergartens.map((k) => k.location.lat);
  const lons = kindergartens.map((k) => k.location.lon);
  const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  // A degree of longitude is shorter than one of latitude by cos(latitude).
  const squeeze = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * squeeze, 1e-4);
  const spanY = Math.max(north - south, 1e-4);
  const pad = 14;
  const height = Math.round(Math.min(Math.max(((mapWidth - 2 * pad) * spanY) / spanX + 2 * pad, 140), 320));
  const scale = Math.min((mapWidth - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const offsetX = (mapWidth - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const point = (k: SurveyKindergarten) => ({
    x: offsetX + (k.location.lon - west) * squeeze * scale,
    y: offsetY + (north - k.location.lat) * scale,
  });
  const shownIds = new Set(shown.map((k) => k.kindergartenId));
  const chosen = picked.flatMap((id, index) => {
    const k = kindergartens.find((item) => item.kindergartenId === id);
    return k ? [{ k, index }] : [];
  });
  return (
    <svg class="picker__map" viewBox={`0 0 ${mapWidth} ${height}`} width={mapWidth} height={height} aria-hidden="true" focusable="false" data-qa="kindergarten-map">
      <rect x="0" y="0" width={mapWidth} height={height} class="map__ground" />
      {kindergartens.map((k) => {
        const { x, y } = point(k);
        return <circle key={k.kindergartenId} cx={x} cy={y} r={shownIds.has(k.kindergartenId) ? 4 : 2.5} class={shownIds.has(k.kindergartenId) ? 'map__dot' : 'map__dot map__dot--faint'} />;
      })}
      {chosen.map(({ k, index }) => {
        const { x, y } = point(k);
        return (
          <g key={k.kindergartenId} class="map__chosen" data-qa="map-chosen">
            <circle cx={x} cy={y} r="10" />
            <text x={x} y={y} dy="0.35em" text-anchor="middle">
              {index + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
