import { describe, expect, it } from 'vitest';
import { currentSurvey, surveyDefinitions } from '#domain/survey-definition';

describe('the survey versions', () => {
  it('should offer every released version oldest first, and ask the named default of a department without a choice', () => {
    // Act
    const versions = surveyDefinitions().map((definition) => definition.version);
    const asked = currentSurvey().version;

    // Assess: releasing a version adds it here; the default moves only when it is changed on purpose
    expect(versions).toEqual(['kezek-2026-1', 'kezek-2026-2']);
    expect(asked).toBe('kezek-2026-2');
  });
});
