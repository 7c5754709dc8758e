import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LocalRuntime } from '../../local/runtime.ts';

const root = resolve(import.meta.dirname, '..', '..');

/** A department file as an operator writes it; `overrides` replace top-level fields. */
export function departmentFile(tenantId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenantId,
    name: { kk: 'Балқаш қаласының білім бөлімі', ru: 'Отдел образования города Балхаш', en: 'Balkhash City Education Department' },
    districts: [{ id: 'centre', name: { kk: 'Орталық', ru: 'Центр', en: 'Centre' } }],
    contacts: { phone: '+77103612345', email: 'info@balkhash.example.kz', address: { kk: 'Балқаш, Ленин к-сі, 1', ru: 'Балхаш, ул. Ленина, 1', en: '1 Lenin St, Balkhash' } },
    languages: ['kk', 'ru'],
    policy: { referralValidityWorkingDays: 7 },
    hosts: [`${tenantId}.localhost`],
    admin: { login: `admin@${tenantId}.example.kz`, displayName: 'Администратор' },
    ...overrides,
  };
}

/**
 * Runs `npm run department -- add` (the operator's command, in its own process) against the test
 * runtime's DynamoDB Local; the exit code and what it printed.
 */
export function addDepartment(runtime: LocalRuntime, file: unknown): Promise<{ code: number; stdout: string; stderr: string; link?: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'kezek-department-')), 'department.json');
  writeFileSync(path, typeof file === 'string' ? file : JSON.stringify(file));
  const port = new URL(runtime.url).port;
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'local/department-cli.ts', 'add', '--file', path, '--endpoint', runtime.dynamoEndpoint, '--table-prefix', runtime.tablePrefix, '--operator', 'test-operator'],
      { cwd: root, env: { ...process.env, PORT: port } },
      (error, stdout, stderr) => {
        const link = /https?:\/\/\S+\/staff\/set-password#token=[\w-]+/.exec(stdout)?.[0];
        resolveRun({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, ...(link && { link }) });
      },
    );
  });
}

/** The token in a set-password link's fragment. */
export function tokenOf(link: string): string {
  return new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
}
