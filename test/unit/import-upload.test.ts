import { describe, expect, it, vi } from 'vitest';

describe("the console's import of a file too big for one check", () => {
  it('should say how big it is and how many rows a part may hold, without sending anything', async () => {
    // Prepare: 40,000 rows of 163 bytes (Cyrillic names: 6,520,109 bytes inside the event, reckoned apart with Python's json), no request may leave
    // The web module reads the page's cookies and language when it loads: a bare page stands in.
    vi.stubGlobal('document', { cookie: '', documentElement: { lang: 'en' } });
    vi.stubGlobal('navigator', { language: 'en', languages: ['en'] });
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
    const { uploadCsv } = await import('../../web/src/staff/import-upload.ts');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const header = 'external_id,child_iin,child_name,birth_date,registered_at,applicant_iin,applicant_name,phone\n';
    const row = (i: number) => `E${String(i).padStart(6, '0')},150101500123,Әлихан Серікұлы Нұрланов,2023-01-01,2023-03-01T09:00:00+05:00,900101300123,Айгүл Серікқызы,+77010000001\n`;
    const csv = header + Array.from({ length: 40_000 }, (_, i) => row(i)).join('');
    // Act
    const outcome = await uploadCsv('applications', csv, () => undefined);
    // Assess
    expect(outcome).toEqual({ kind: 'too-large', megabytes: 6.6, rowsPerPart: 33_000 });
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
    vi.unstubAllGlobals();
  });
});
