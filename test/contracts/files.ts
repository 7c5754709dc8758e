import { describe, expect, it } from 'vitest';
import type { FileStore } from '#ports/files';

/**
 * What any adapter of the file store must do: a stored file downloads through its link with the
 * bytes, the content type it was stored with and the file name asked for; storing under the same
 * key replaces it (a re-run of an export); a link stops working when it expires and never serves
 * a key nothing was stored under; a stored file reads back as stored (an export's runs). The world follows links as a browser would and lets time pass;
 * `test/unit/local-adapter-contracts.test.ts` runs it on the local file store.
 */
export interface FileWorld {
  /** A file key no other test uses. */
  readonly key: () => string;
  /** Follows a download link as a browser would. */
  readonly download: (url: string) => Promise<Response>;
  /** Lets `seconds` pass for the store's links. */
  readonly elapse: (seconds: number) => void | Promise<void>;
}

const bytes = (text: string) => new TextEncoder().encode(text);

export function fileStoreContract(name: string, store: () => FileStore, world: () => FileWorld): void {
  describe(`${name}: FileStore`, () => {
    it('should download a stored file with its bytes, its content type and the name asked for', async () => {
      // Prepare
      const key = world().key();
      await store().put(key, bytes('\uFEFFБала;Күйі\r\nА;кезекте\r\n'), 'text/csv; charset=utf-8');
      // Act
      const response = await world().download(await store().downloadUrl(key, 'Жауаптар 2026.csv', 300));
      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="________ 2026.csv"; filename*=UTF-8''${encodeURIComponent('Жауаптар 2026.csv')}`);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes('\uFEFFБала;Күйі\r\nА;кезекте\r\n'));
    });

    it('should replace a file stored again under the same key', async () => {
      // Prepare
      const key = world().key();
      await store().put(key, bytes('first'), 'text/plain');
      // Act
      await store().put(key, bytes('{"second":true}'), 'application/json');
      const response = await world().download(await store().downloadUrl(key, 'second.json', 300));
      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe('{"second":true}');
    });

    it('should stop serving a link once it expires', async () => {
      // Prepare
      const key = world().key();
      await store().put(key, bytes('short-lived'), 'text/csv; charset=utf-8');
      const url = await store().downloadUrl(key, 'short.csv', 60);
      // Act
      await world().elapse(61);
      const response = await world().download(url);
      // Assess
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('short-lived');
    });

    it('should read a stored file back byte for byte, the last one stored under its key, and nothing for a key never stored', async () => {
      // Prepare: a run of an export (JSON lines with Cyrillic), then the same key again
      const key = world().key();
      await store().put(key, bytes('{"week":"2026-10-05","answer":{"fee":"до 20 000"}}\n'), 'application/x-ndjson');
      await store().put(key, bytes('{"week":"2026-10-12"}\n'), 'application/x-ndjson');
      // Act
      const found = await store().get(key);
      const missing = await store().get(world().key());
      // Assess
      expect(found).toEqual(bytes('{"week":"2026-10-12"}\n'));
      expect(missing).toBeUndefined();
    });

    it('should serve nothing for a key nothing was stored under', async () => {
      // Act
      const response = await world().download(await store().downloadUrl(world().key(), 'none.csv', 300));
      // Assess
      expect(response.status).toBeGreaterThanOrEqual(400);
    });
  });
}
