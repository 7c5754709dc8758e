import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDepartment, setPasswordLink } from '#domain/department';

const example = () => JSON.parse(readFileSync(new URL('../../docs/department.example.json', import.meta.url), 'utf8'));

describe('the department file', () => {
  it('should accept the documented example, with host names and the login in lower case', () => {
    // Prepare
    const file = { ...example(), hosts: ['Kezek.Balkhash.KZ'], admin: { ...example().admin, login: 'Admin@Balkhash.Example.KZ' } };

    // Act
    const parsed = parseDepartment(file);

    // Assess
    expect(parsed.ok && parsed.department.hosts).toEqual(['kezek.balkhash.kz']);
    expect(parsed.ok && parsed.department.admin.login).toBe('admin@balkhash.example.kz');
  });

  it('should list a repeated host, a host with a port and an unknown field, each with its path', () => {
    // Prepare
    const file = { ...example(), hosts: ['a.kz', 'a.kz', 'b.kz:3000'], colour: 'blue' };

    // Act
    const parsed = parseDepartment(file);

    // Assess
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual([
      'hosts.2: a host name such as kezek.temirtau.kz',
      '(file): Unrecognized key: "colour"',
      'hosts: host "a.kz" appears twice',
    ]);
  });

  it('should refuse a phone that is not +7 and ten digits', () => {
    // Act
    const parsed = parseDepartment({ ...example(), contacts: { phone: '87103612345' } });

    // Assess
    expect(!parsed.ok && parsed.problems).toEqual(['contacts.phone: a phone as +7XXXXXXXXXX']);
  });

  it('should put the token of a set-password link in the fragment', () => {
    // Act
    const link = setPasswordLink('https://kezek.balkhash.kz/', 'abc_DEF-123');

    // Assess
    expect(link).toBe('https://kezek.balkhash.kz/staff/set-password#token=abc_DEF-123');
  });
});
