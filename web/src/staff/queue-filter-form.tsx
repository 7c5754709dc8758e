import { useEffect, useState } from 'preact/hooks';
import { useStaffI18n } from './i18n/context.ts';
import { queuePriorities, queueStatuses, recentBirthYears, type QueueQuery } from './queue-query.ts';
import { SelectField } from './select-field.tsx';
import { useKindergartens } from './use-kindergartens.ts';

/**
 * The queue browser's filters as an ordinary form: nothing changes until "Show", so a keyboard
 * or screen-reader user can go through the selects without the list reloading under them.
 */
export function QueueFilterForm({ shown, onShow }: { shown: QueueQuery; onShow: (query: QueueQuery) => void }) {
  const { t, s, language } = useStaffI18n();
  const kindergartens = useKindergartens();
  const [chosen, setChosen] = useState(shown);
  // Back and forward change the shown list; the form follows it.
  useEffect(() => setChosen(shown), [shown]);
  const choose = (change: Partial<QueueQuery>) => setChosen((current) => ({ ...current, ...change }));
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const { after: _after, cursor: _cursor, ...filters } = chosen;
    onShow(filters);
  };
  const kindergartenOptions = kindergartens.state === 'ready' ? kindergartens.kindergartens : [];
  return (
    <form class="filters" onSubmit={onSubmit} aria-label={s.queueFilters.label} data-qa="queue-form">
      <SelectField
        id="queue-status"
        label={s.queueFilters.status}
        value={chosen.status}
        onValue={(value) => choose({ status: queueStatuses.find((status) => status === value) ?? 'queued' })}
        options={queueStatuses.map((status) => ({ value: status, label: t.status[status] }))}
        qa="queue-status"
      />
      <SelectField
        id="birth-year"
        label={s.queue.birthYear}
        value={String(chosen.birthYear)}
        onValue={(value) => choose({ birthYear: Number(value) })}
        options={recentBirthYears().map((year) => ({ value: String(year), label: String(year) }))}
        qa="queue-birth-year"
      />
      <SelectField
        id="queue-priority"
        label={s.queueFilters.priority}
        value={chosen.priority}
        onValue={(value) => choose({ priority: queuePriorities.find((priority) => priority === value) ?? '' })}
        options={[{ value: '', label: s.queueFilters.anyPriority }, ...queuePriorities.map((priority) => ({ value: priority, label: t.priority[priority] }))]}
        qa="queue-priority"
      />
      <SelectField
        id="queue-kindergarten"
        label={s.queueFilters.kindergarten}
        value={chosen.kindergartenId}
        onValue={(value) => choose({ kindergartenId: value })}
        options={[
          { value: '', label: s.queueFilters.anyKindergarten },
          ...kindergartenOptions.map((kindergarten) => ({ value: kindergarten.kindergartenId, label: kindergarten.name[language] || kindergarten.name.ru })),
        ]}
        qa="queue-kindergarten"
      />
      <div class="filters__submit">
        <button type="submit" class="button" data-qa="queue-show">
          {s.queue.show}
        </button>
      </div>
    </form>
  );
}
