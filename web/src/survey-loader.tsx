import { lazyChunk } from './lazy-chunk.tsx';

/** The survey's pages: their own chunk, fetched when one opens (during a campaign, right after login). */
const SurveyChunk = lazyChunk(() => import('./survey/survey-pages.ts'), (t) => t.survey.viewTitle);

export const SurveyPageLoader = () => <SurveyChunk render={(module) => <module.SurveyPage />} />;
export const SurveyViewPageLoader = () => <SurveyChunk render={(module) => <module.SurveyViewPage />} />;
