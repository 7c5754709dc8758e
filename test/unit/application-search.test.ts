import { describe, expect, it } from 'vitest';
import { nameKeysOf, normalizedName, searchLookups } from '#domain/application-search';

describe('the help desk search', () => {
  it('should read 12 digits as a child IIN only', () => {
    expect(searchLookups('temirtau', ' 210304650123 ')).toEqual({ childIin: '210304650123' });
  });

  it('should read a number as an application id and as the number of an imported application', () => {
    expect(searchLookups('temirtau', '10023')).toEqual({ applicationIds: ['10023', 'imp.temirtau.10023'] });
    expect(searchLookups('temirtau', 'app-000042')).toEqual({ applicationIds: ['app-000042', 'imp.temirtau.app-000042'] });
  });

  it('should read letters as the start of a name, in any case and spacing, with ё as е', () => {
    expect(searchLookups('temirtau', '  СЕМЁНОВА   айг')).toEqual({ namePrefix: 'семенова айг' });
    // Latin letters could be an id too: both lookups, the id one by key.
    expect(searchLookups('temirtau', 'Ivanov')).toEqual({ applicationIds: ['Ivanov', 'imp.temirtau.Ivanov'], namePrefix: 'ivanov' });
  });

  it('should ask for nothing when the text is neither', () => {
    expect(searchLookups('temirtau', 'а')).toEqual({});
    expect(searchLookups('temirtau', '+7 701')).toEqual({});
  });

  it('should key a name by its first two letters in the tenant, sorted by the whole name and id', () => {
    expect(normalizedName('Әлиев  Нұрлан')).toBe('әлиев нұрлан');
    expect(nameKeysOf('temirtau', 'Әлиев  Нұрлан', 'app-1')).toEqual({ nameKey: 'temirtau#әл', nameSort: 'әлиев нұрлан#app-1' });
  });
});
