import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Application } from '#domain/application';
import { parseIin } from '#domain/iin';
import { generateDemoData, type DemoData } from '../../local/demo-data.ts';

const now = new Date('2026-03-15T09:00:00Z');
const DAY_MS = 86_400_000;
const temirtau = { south: 50.03, north: 50.09, west: 72.9, east: 73.03 };

let defaultData: DemoData | undefined;
/** Generated once: every test reads the same default data set. */
function demoData(): DemoData {
  defaultData ??= generateDemoData({ now });
  return defaultData;
}

function fullYears(birthDate: string, at: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const beforeBirthday = at.getUTCMonth() + 1 < month || (at.getUTCMonth() + 1 === month && at.getUTCDate() < day);
  return at.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
}

function share(applications: readonly Application[], matches: (application: Application) => boolean): number {
  return applications.filter(matches).length / applications.length;
}

function applicationsOf(data: DemoData, applicantIin: string): Application[] {
  return data.applications.filter((application) => application.applicantIin === applicantIin);
}

/** Days from the reference day to `date` (`YYYY-MM-DD`). */
function dayOffset(date: string, at: Date = now): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())) / DAY_MS);
}

describe('generateDemoData', () => {
  it('should describe the Temirtau education department with four to six districts', () => {
    // Prepare / Act
    const { tenant } = demoData();

    // Assess
    expect(tenant.tenantId).toBe('temirtau');
    expect(tenant.name.ru).toBe('Отдел образования города Темиртау');
    expect(tenant.districts.length).toBeGreaterThanOrEqual(4);
    expect(tenant.districts.length).toBeLessThanOrEqual(6);
    for (const district of tenant.districts) {
      expect(district.name.kk && district.name.ru && district.name.en).toBeTruthy();
    }
  });

  it('should place at least 40 kindergartens named in kk and ru inside Temirtau, each in a district of the tenant', () => {
    // Prepare
    const { tenant, kindergartens } = demoData();
    const districtIds = new Set(tenant.districts.map((district) => district.id));

    // Act
    const misplaced = kindergartens.filter(
      ({ location, district, name }) =>
        !name.kk ||
        !name.ru ||
        !districtIds.has(district) ||
        location.lat < temirtau.south ||
        location.lat > temirtau.north ||
        location.lon < temirtau.west ||
        location.lon > temirtau.east,
    );

    // Assess
    expect(kindergartens.length).toBeGreaterThanOrEqual(40);
    expect(new Set(kindergartens.map((kindergarten) => kindergarten.kindergartenId)).size).toBe(kindergartens.length);
    expect(misplaced).toEqual([]);
  });

  it('should mix state and private kindergartens with places in every age group', () => {
    // Prepare
    const { kindergartens } = demoData();

    // Act
    const privateShare = kindergartens.filter((kindergarten) => kindergarten.ownership === 'private').length / kindergartens.length;

    // Assess
    expect(privateShare).toBeGreaterThan(0.15);
    expect(privateShare).toBeLessThan(0.35);
    for (const kindergarten of kindergartens) {
      expect(Object.values(kindergarten.capacity).every((places) => places > 0)).toBe(true);
      expect(kindergarten.languages.length).toBeGreaterThan(0);
    }
  });

  it('should generate at least 5,000 applications by default, with distinct ids', () => {
    // Prepare / Act
    const { applications } = demoData();

    // Assess
    expect(applications.length).toBeGreaterThanOrEqual(5_000);
    expect(new Set(applications.map((application) => application.applicationId)).size).toBe(applications.length);
  });

  it('should give every child a valid IIN that agrees with the birth date', () => {
    // Prepare
    const { applications } = demoData();

    // Act
    const disagreeing = applications.filter((application) => {
      const parsed = parseIin(application.childIin);
      return !parsed.ok || parsed.value.birthDate !== application.birthDate;
    });

    // Assess
    expect(disagreeing).toEqual([]);
  });

  it('should keep every child between 0 and 6 full years old at now, with young ones the most', () => {
    // Prepare
    const { applications } = demoData();

    // Act
    const ages = applications.map((application) => fullYears(application.birthDate, now));

    // Assess
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBe(6);
    expect(ages.filter((age) => age <= 1).length).toBeGreaterThan(ages.filter((age) => age >= 5).length);
  });

  it('should give every child a distinct IIN', () => {
    // Prepare
    const { applications } = demoData();

    // Act
    const distinct = new Set(applications.map((application) => application.childIin));

    // Assess
    expect(distinct.size).toBe(applications.length);
  });

  it('should give every applicant a valid adult IIN and a cabinet account', () => {
    // Prepare
    const { applications, parents } = demoData();
    const accounts = new Set(parents.map((parent) => parent.iin));

    // Act
    const applicants = [...new Set(applications.map((application) => application.applicantIin))];
    const birthYears = applicants.map((iin) => {
      const parsed = parseIin(iin);
      return parsed.ok ? Number(parsed.value.birthDate.slice(0, 4)) : Number.NaN;
    });

    // Assess
    expect(applicants.every((iin) => accounts.has(iin))).toBe(true);
    expect(accounts.size).toBe(parents.length);
    expect(parents.length).toBe(applicants.length);
    expect(birthYears.every((year) => year >= 1975 && year <= 2003)).toBe(true);
  });

  it('should give every parent a Kazakh mobile number and a name', () => {
    // Prepare
    const { parents } = demoData();

    // Act
    const malformed = parents.filter(
      (parent) => !/^\+77(0[0-8]|47|71|7[5-8])\d{7}$/.test(parent.phone) || !/^\S+ \S+$/.test(parent.displayName),
    );

    // Assess
    expect(malformed).toEqual([]);
    expect(new Set(parents.map((parent) => parent.phone)).size).toBe(parents.length);
  });

  it('should give some applicants two or three children, and most one', () => {
    // Prepare
    const { applications, parents } = demoData();
    const childrenPerApplicant = new Map<string, number>();
    for (const application of applications) {
      childrenPerApplicant.set(application.applicantIin, (childrenPerApplicant.get(application.applicantIin) ?? 0) + 1);
    }

    // Act
    const counts = [...childrenPerApplicant.values()];
    const withTwo = counts.filter((count) => count === 2).length / parents.length;

    // Assess
    expect(withTwo).toBeGreaterThan(0.08);
    expect(withTwo).toBeLessThan(0.22);
    expect(counts.some((count) => count === 3)).toBe(true);
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
  });

  it('should keep priority shares close to the targets', () => {
    // Prepare
    const { applications } = demoData();
    const targets = { none: 0.88, extraordinary: 0.01, disability: 0.03, large_family: 0.05, military: 0.02, orphan: 0.01 };

    for (const [priority, target] of Object.entries(targets)) {
      // Act
      const actual = share(applications, (application) => application.priority === priority);

      // Assess
      expect(Math.abs(actual - target), priority).toBeLessThanOrEqual(priority === 'none' ? 0.02 : target * 0.3 + 0.005);
    }
  });

  it('should keep status shares close to the targets', () => {
    // Prepare
    const { applications } = demoData();
    const targets = { queued: 0.9, referred: 0.03, stopped: 0.05, enrolled: 0.01, withdrawn: 0.01 };

    for (const [status, target] of Object.entries(targets)) {
      // Act
      const actual = share(applications, (application) => application.status === status);

      // Assess
      expect(Math.abs(actual - target), status).toBeLessThanOrEqual(0.005);
    }
  });

  it('should give every referred application an open referral to one of its kindergartens', () => {
    // Prepare
    const referred = demoData().applications.filter((application) => application.status === 'referred');

    // Act
    const broken = referred.filter(
      ({ referral, preferredKindergartenIds, registeredAt }) =>
        !referral ||
        !preferredKindergartenIds.includes(referral.kindergartenId) ||
        referral.issuedAt <= registeredAt ||
        Date.parse(referral.issuedAt) > now.getTime() ||
        Date.parse(referral.expiresAt) <= now.getTime(),
    );

    // Assess
    expect(referred.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  it('should stop some applications for each reason, valid until a past date', () => {
    // Prepare
    const stopped = demoData().applications.filter((application) => application.status === 'stopped');

    // Act
    const cleanup = stopped.filter((application) => application.stopReason === 'cleanup');
    const referralExpired = stopped.filter((application) => application.stopReason === 'referral_expired');

    // Assess
    expect(cleanup.length).toBeGreaterThan(0);
    expect(referralExpired.length).toBeGreaterThan(0);
    expect(cleanup.length + referralExpired.length).toBe(stopped.length);
    expect(stopped.every((application) => dayOffset(application.validUntil) < 0)).toBe(true);
    expect(referralExpired.every((application) => Date.parse(application.referral?.expiresAt ?? '') < now.getTime())).toBe(true);
  });

  it('should carry a stop reason and a referral only where the status calls for them', () => {
    // Prepare
    const { applications } = demoData();

    // Act
    const stray = applications.filter(
      (application) =>
        (application.status === 'stopped') !== ('stopReason' in application) ||
        (application.status !== 'referred' && application.stopReason !== 'referral_expired' && 'referral' in application),
    );

    // Assess
    expect(stray).toEqual([]);
  });

  it('should prefer one to three distinct existing kindergartens teaching in the application language', () => {
    // Prepare
    const { applications, kindergartens } = demoData();
    const byId = new Map(kindergartens.map((kindergarten) => [kindergarten.kindergartenId, kindergarten]));

    // Act
    const broken = applications.filter(
      ({ preferredKindergartenIds: ids, language }) =>
        ids.length < 1 ||
        ids.length > 3 ||
        new Set(ids).size !== ids.length ||
        ids.some((id) => !byId.get(id)?.languages.includes(language)),
    );

    // Assess
    expect(broken).toEqual([]);
  });

  it('should register every child after birth and not after now', () => {
    // Prepare
    const { applications } = demoData();

    // Act
    const outOfRange = applications.filter(
      (application) =>
        Date.parse(application.registeredAt) <= Date.parse(`${application.birthDate}T00:00:00Z`) ||
        Date.parse(application.registeredAt) > now.getTime(),
    );

    // Assess
    expect(outOfRange).toEqual([]);
  });

  it('should keep queued and referred applications valid from 60 days ago to 330 days ahead', () => {
    // Prepare
    const waiting = demoData().applications.filter((application) => application.status === 'queued' || application.status === 'referred');

    // Act
    const offsets = waiting.map((application) => dayOffset(application.validUntil));

    // Assess
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(-60);
    expect(Math.max(...offsets)).toBeLessThanOrEqual(330);
  });

  it('should give the same data for the same seed and different data for another seed', () => {
    // Prepare
    const options = { now, applicationCount: 300, seed: 42 };

    // Act
    const first = generateDemoData(options);
    const again = generateDemoData(options);
    const other = generateDemoData({ ...options, seed: 43 });

    // Assess
    expect(again).toEqual(first);
    expect(other.applications).not.toEqual(first.applications);
  });

  it('should build the four demo parents with the shapes the demo needs', () => {
    // Prepare
    const data = demoData();

    // Act
    const [twoQueued, oneQueued, stoppedAndQueued, referred] = data.demoParents.map((parent) =>
      applicationsOf(data, parent.iin)
        .map((application) => `${application.status}${application.stopReason ? `:${application.stopReason}` : ''}`)
        .sort(),
    );

    // Assess
    expect(data.demoParents).toHaveLength(4);
    expect(twoQueued).toEqual(['queued', 'queued']);
    expect(oneQueued).toEqual(['queued']);
    expect(stoppedAndQueued).toEqual(['queued', 'stopped:cleanup']);
    expect(referred).toContain('referred');
    expect(data.demoParents.every((parent) => parent.note.length > 0)).toBe(true);
    const parentIins = new Set(data.parents.map((parent) => parent.iin));
    expect(data.demoParents.every((parent) => parentIins.has(parent.iin))).toBe(true);
  });

  it('should name the staff login of the Temirtau department', () => {
    // Prepare / Act
    const { staff } = demoData();

    // Assess
    expect(staff).toEqual({
      login: 'staff@temirtau.kezek.kz',
      password: 'temirtau-demo',
      displayName: 'Айгүл Нұрланқызы (отдел образования)',
      tenantId: 'temirtau',
    });
  });

  it('should hold its invariants for any reference time, seed and size', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 6, max: 400 }),
        (at, seed, applicationCount) => {
          // Act
          const data = generateDemoData({ now: at, seed, applicationCount });

          // Assess
          expect(data.applications).toHaveLength(applicationCount);
          expect(new Set(data.applications.map((application) => application.childIin)).size).toBe(applicationCount);
          for (const application of data.applications) {
            const parsed = parseIin(application.childIin);
            expect(parsed.ok && parsed.value.birthDate).toBe(application.birthDate);
            expect(fullYears(application.birthDate, at)).toBeGreaterThanOrEqual(0);
            expect(fullYears(application.birthDate, at)).toBeLessThanOrEqual(6);
            expect(Date.parse(application.registeredAt)).toBeLessThanOrEqual(at.getTime());
            expect(application.registeredAt > `${application.birthDate}T00:00:00.000Z`).toBe(true);
            const validDays = dayOffset(application.validUntil, at);
            if (application.status === 'stopped') expect(validDays).toBeLessThan(0);
            if (application.status === 'queued' || application.status === 'referred') {
              expect(validDays).toBeGreaterThanOrEqual(-60);
              expect(validDays).toBeLessThanOrEqual(330);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('should generate 50,000 applications with distinct child IINs', () => {
    // Prepare
    const applicationCount = 50_000;

    // Act
    const { applications } = generateDemoData({ now, applicationCount });

    // Assess
    expect(applications).toHaveLength(applicationCount);
    expect(new Set(applications.map((application) => application.childIin)).size).toBe(applicationCount);
  });
});
