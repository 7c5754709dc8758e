import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join, normalize } from 'node:path';
import type { FileStore } from '#ports/files';
import { attachmentDisposition } from '../content-disposition.ts';

/** The path prefix the local server serves these files under. */
export const localFilesPrefix = '/local-files/';

/** A file's content type is kept next to it (as S3 keeps it on the object); keys may not end so. */
const contentTypeSuffix = '.content-type';
/** Files stored before their type was kept were all CSV exports. */
const defaultContentType = 'text/csv; charset=utf-8';

/**
 * The local stand-in for the exports bucket: files in a folder, downloaded through links signed
 * with a per-runtime secret and an expiry, as presigned S3 links are; anything else is refused.
 */
export class LocalFileStore implements FileStore {
  private readonly secret = randomBytes(32);

  constructor(
    private readonly root: string,
    private readonly now: () => Date,
  ) {
    mkdirSync(root, { recursive: true });
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    const file = this.fileOf(key);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
    writeFileSync(`${file}${contentTypeSuffix}`, contentType);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const file = this.fileOf(key);
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
  }

  async downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string> {
    const expires = Math.floor(this.now().getTime() / 1000) + expiresInSeconds;
    const query = new URLSearchParams({ name: fileName, expires: String(expires), signature: this.sign(key, fileName, expires) });
    return `${localFilesPrefix}${key.split('/').map(encodeURIComponent).join('/')}?${query}`;
  }

  /** Answers a `/local-files/…` request: the file when the link is genuine and not expired, else 403/404. */
  serve(url: URL, response: ServerResponse): void {
    const key = url.pathname.slice(localFilesPrefix.length).split('/').map(decodeURIComponent).join('/');
    const fileName = url.searchParams.get('name') ?? '';
    const expires = Number(url.searchParams.get('expires'));
    const given = Buffer.from(url.searchParams.get('signature') ?? '', 'hex');
    const expected = Buffer.from(this.sign(key, fileName, expires), 'hex');
    const genuine = given.length === expected.length && timingSafeEqual(given, expected);
    if (!genuine || !(expires * 1000 > this.now().getTime())) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('This link is not valid or has expired.');
      return;
    }
    const file = this.fileOf(key);
    if (!existsSync(file)) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.');
      return;
    }
    const typeFile = `${file}${contentTypeSuffix}`;
    response.writeHead(200, {
      'content-type': existsSync(typeFile) ? readFileSync(typeFile, 'utf8') : defaultContentType,
      'content-disposition': attachmentDisposition(fileName),
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  }

  private sign(key: string, fileName: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${key}\n${fileName}\n${expires}`).digest('hex');
  }

  private fileOf(key: string): string {
    const file = normalize(join(this.root, key));
    if (!file.startsWith(normalize(this.root))) throw new Error('file key outside the store');
    if (key.endsWith(contentTypeSuffix)) throw new Error(`a file key may not end with ${contentTypeSuffix}`);
    return file;
  }
}
