/** The survey's chunk (see `survey-loader.tsx`). */
export { SurveyViewPage } from '../pages/survey-view.tsx';
export { SurveyPage } from '../pages/survey.tsx';
