import type { SurveyQuestion } from '../api-types.ts';

/**
 * The answers being filled in, one entry per question id. Kept flat and plain so a draft
 * survives a reload in `sessionStorage` (answers are not secrets; nothing about the session is
 * stored) and turns into the request body of `POST /api/cabinet/survey` in one step.
 */
export interface Draft {
  /** Kindergarten ids (question kind `kindergartens`). */
  readonly picked: Readonly<Record<string, readonly string[]>>;
  /** The chosen option of each `single` question. */
  readonly choice: Readonly<Record<string, string>>;
  /** The reasons ticked under a `single` question that has them. */
  readonly reasons: Readonly<Record<string, readonly string[]>>;
  /** The options ticked in each `multiple` question. */
  readonly options: Readonly<Record<string, readonly string[]>>;
  /** The "other" text of a `multiple` question that offers it. */
  readonly other: Readonly<Record<string, string>>;
}

export const emptyDraft: Draft = { picked: {}, choice: {}, reasons: {}, options: {}, other: {} };

/** Where the draft of a campaign lives: a campaign's questions are answered once per tab. */
function storageKey(campaignId: string): string {
  return `kezek.survey.${campaignId}`;
}

interface Stored {
  readonly version: string;
  /** The step open when the draft was saved (0-based; the questions' count is the review). */
  readonly step: number;
  readonly draft: Draft;
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const stringMap = <T>(value: unknown, read: (item: unknown) => T | undefined): Record<string, T> => {
  const out: Record<string, T> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, item] of Object.entries(value)) {
    const entry = read(item);
    if (entry !== undefined) out[key] = entry;
  }
  return out;
};
const asString = (item: unknown) => (typeof item === 'string' ? item : undefined);
const asList = (item: unknown) => (Array.isArray(item) ? stringList(item) : undefined);

/** The saved draft of this campaign and definition version, if any (anything unreadable is ignored). */
export function loadDraft(campaignId: string, version: string): { step: number; draft: Draft } | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey(campaignId));
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as Partial<Stored>;
    if (stored.version !== version || typeof stored.draft !== 'object' || stored.draft === null) return undefined;
    const draft = stored.draft as unknown as Record<string, unknown>;
    return {
      step: typeof stored.step === 'number' ? stored.step : 0,
      draft: {
        picked: stringMap(draft.picked, asList),
        choice: stringMap(draft.choice, asString),
        reasons: stringMap(draft.reasons, asList),
        options: stringMap(draft.options, asList),
        other: stringMap(draft.other, asString),
      },
    };
  } catch {
    return undefined;
  }
}

export function saveDraft(campaignId: string, version: string, step: number, draft: Draft): void {
  try {
    sessionStorage.setItem(storageKey(campaignId), JSON.stringify({ version, step, draft } satisfies Stored));
  } catch {
    // Storage full or disabled: the survey still works, only a reload loses the answers.
  }
}

export function clearDraft(campaignId: string): void {
  try {
    sessionStorage.removeItem(storageKey(campaignId));
  } catch {
    // Nothing to clear.
  }
}

/** The request's `answers`: keys are question ids, shapes by kind (see the API contract). */
export function answersOf(questions: readonly SurveyQuestion[], draft: Draft): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of questions) {
    const { id } = question;
    if (question.kind === 'kindergartens') answers[id] = [...(draft.picked[id] ?? [])];
    else if (question.kind === 'single') {
      answers[id] = question.reasons ? { choice: draft.choice[id] ?? '', reasons: [...(draft.reasons[id] ?? [])] } : { choice: draft.choice[id] ?? '' };
    } else {
      const other = (draft.other[id] ?? '').trim();
      answers[id] = question.otherMaxLength && other !== '' ? { options: [...(draft.options[id] ?? [])], other } : { options: [...(draft.options[id] ?? [])] };
    }
  }
  return answers;
}

/** The draft an answer sent earlier makes (to show it, or to change it). */
export function draftOf(questions: readonly SurveyQuestion[], answers: Readonly<Record<string, unknown>>): Draft {
  const picked: Record<string, string[]> = {};
  const choice: Record<string, string> = {};
  const reasons: Record<string, string[]> = {};
  const options: Record<string, string[]> = {};
  const other: Record<string, string> = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (question.kind === 'kindergartens') picked[question.id] = stringList(value);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (question.kind === 'single') {
        if (typeof record.choice === 'string') choice[question.id] = record.choice;
        reasons[question.id] = stringList(record.reasons);
      } else {
        options[question.id] = stringList(record.options);
        if (typeof record.other === 'string') other[question.id] = record.other;
      }
    }
  }
  return { picked, choice, reasons, options, other };
}

/** Client-side problems of one step (the server stays the authority). */
export type StepProblem = { readonly kind: 'chooseOne' } | { readonly kind: 'chooseKindergarten' } | { readonly kind: 'tooMany'; readonly max: number } | { readonly kind: 'otherTooLong'; readonly max: number };

export function problemsOf(question: SurveyQuestion, draft: Draft): StepProblem[] {
  if (question.kind === 'kindergartens') {
    const count = (draft.picked[question.id] ?? []).length;
    if (count < (question.min ?? 1)) return [{ kind: 'chooseKindergarten' }];
    if (count > (question.max ?? 3)) return [{ kind: 'tooMany', max: question.max ?? 3 }];
    return [];
  }
  if (question.kind === 'single') return draft.choice[question.id] ? [] : [{ kind: 'chooseOne' }];
  const max = question.otherMaxLength;
  if (max && (draft.other[question.id] ?? '').trim().length > max) return [{ kind: 'otherTooLong', max }];
  return [];
}
