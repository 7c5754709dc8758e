/** Files staff download (CSV exports): S3 in AWS, a folder behind signed local URLs locally. */
export interface FileStore {
  /** Stores a file under `key` with its content type (replacing one there: a re-run of an export writes the same key). */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** A file's bytes, or `undefined` when there is none under `key` (an export reads back the parts it wrote). */
  get(key: string): Promise<Uint8Array | undefined>;
  /**
   * A short-lived link that downloads the file as `fileName`, with the content type it was stored
   * with (a presigned URL in AWS); refused once `expiresInSeconds` have passed.
   */
  downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
}
