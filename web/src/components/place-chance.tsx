import type { CabinetApplication } from '../api-types.ts';
import { useI18n } from '../i18n/context.tsx';

type Estimate = NonNullable<CabinetApplication['placeChances']>[number];

/**
 * The chance of a place at one kindergarten in plain words: the word, what it is based on (the
 * child's place among those who chose the kindergarten, the places of the age group there) and
 * how sure it is.
 */
export function PlaceChanceText({ estimate, birthYear, qa = 'place-chance' }: { estimate: Estimate; birthYear: number; qa?: string }) {
  const { t } = useI18n();
  return (
    <span data-qa={qa} data-chance={estimate.chance} data-certainty={estimate.certainty} data-kindergarten-id={estimate.kindergartenId}>
      {t.placeChance.label}: <strong class={`chance chance--${estimate.chance}`}>{t.placeChance.words[estimate.chance]}</strong>.{' '}
      {t.placeChance.basis(estimate.rank, estimate.among, birthYear, estimate.free, estimate.freeing)} {t.placeChance.certainty[estimate.certainty]}
    </span>
  );
}
