import { useEffect, useState } from 'preact/hooks';
import { api } from '../client.ts';
import type { Districts } from '../api-types.ts';
import type { Language } from '../i18n/language.ts';

export type District = Districts['districts'][number];

/** The department's districts (loaded once beside the page's data; empty until they arrive or if they cannot be read). */
export function useDistricts(): readonly District[] {
  const [districts, setDistricts] = useState<readonly District[]>([]);
  useEffect(() => {
    let current = true;
    void api('GET /api/staff/districts').then((result) => {
      if (current && result.ok) setDistricts(result.data.districts);
    });
    return () => {
      current = false;
    };
  }, []);
  return districts;
}

/** A district's name in the language, by id; the id itself until the names are known. */
export function useDistrictNames(language: Language): (districtId: string) => string {
  const districts = useDistricts();
  return (districtId) => districts.find((district) => district.id === districtId)?.name[language] ?? districtId;
}
