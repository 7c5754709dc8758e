import type { PositionChange } from './api-types.ts';
import { formatList } from './format.ts';
import type { Language } from './i18n/language.ts';
import type { Messages } from './i18n/ru.ts';

type Reason = keyof Messages['moves']['reasons'];
const reasonOrder: readonly Reason[] = ['referred', 'enrolled', 'stopped', 'withdrawn', 'registered', 'restored', 'priority_changed', 'reordered'];

/**
 * One position move as a plain sentence: "Moved from 59 to 57: 2 applications ahead received a
 * referral." A move without `from` is the application joining the queue. Unknown reason keys are
 * left out rather than shown raw.
 */
export function moveSentence(change: PositionChange, t: Messages, language: Language): string {
  if (change.from === undefined) return `${t.moves.joinedAt(change.to)}.`;
  const parts = reasonOrder.flatMap((reason) => {
    const count = change.reasons[reason] ?? 0;
    return count > 0 ? [t.moves.reasons[reason](count)] : [];
  });
  const head = t.moves.movedFromTo(change.from, change.to);
  return parts.length > 0 ? `${head}: ${formatList(language, parts)}.` : `${head}.`;
}

/** Newest first, whatever order the server keeps them in. */
export function newestFirst(log: readonly PositionChange[]): PositionChange[] {
  return [...log].reverse().sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}
