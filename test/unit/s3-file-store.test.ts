import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3FileStore } from '#adapters/s3/s3-file-store';

const s3Mock = mockClient(S3Client);

describe('S3FileStore', () => {
  beforeEach(() => {
    s3Mock.reset();
  });

  it('should put the export under its key with its content type', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const store = new S3FileStore(new S3Client({ region: 'eu-central-1' }), 'kezek-exports');
    // Act
    await store.put('exports/temirtau/x-1/kezek.csv', new TextEncoder().encode('\uFEFFa;b\r\n'), 'text/csv; charset=utf-8');
    // Assess
    const calls = s3Mock.commandCalls(PutObjectCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({ Bucket: 'kezek-exports', Key: 'exports/temirtau/x-1/kezek.csv', ContentType: 'text/csv; charset=utf-8' });
  });

  it('should sign a five-minute download link that names the file, Cyrillic included, without calling S3', async () => {
    // Prepare: signing is local; fixed credentials so no provider chain is asked
    const store = new S3FileStore(new S3Client({ region: 'eu-central-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } }), 'kezek-exports');
    // Act
    const url = new URL(await store.downloadUrl('exports/temirtau/x-1/kezek.csv', 'ответы.csv', 300));
    // Assess
    expect(url.hostname).toBe('kezek-exports.s3.eu-central-1.amazonaws.com');
    expect(url.pathname).toBe('/exports/temirtau/x-1/kezek.csv');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('response-content-disposition')).toBe(`attachment; filename="______.csv"; filename*=UTF-8''${encodeURIComponent('ответы.csv')}`);
    expect(s3Mock.calls()).toHaveLength(0);
  });

  it('should read a file back by its key, and answer nothing for a key S3 does not have', async () => {
    // Prepare
    // The SDK's body stream, as far as the adapter reads it
    const body = { transformToByteArray: async () => new TextEncoder().encode('{"w":"2026-10-05"}\n') };
    s3Mock.on(GetObjectCommand, { Key: 'exports/temirtau/x-1/runs/0.jsonl' }).resolves({ Body: body as never });
    s3Mock.on(GetObjectCommand, { Key: 'exports/temirtau/x-1/runs/1.jsonl' }).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
    const store = new S3FileStore(new S3Client({ region: 'eu-central-1' }), 'kezek-exports');
    // Act
    const found = await store.get('exports/temirtau/x-1/runs/0.jsonl');
    const missing = await store.get('exports/temirtau/x-1/runs/1.jsonl');
    // Assess
    expect(new TextDecoder().decode(found)).toBe('{"w":"2026-10-05"}\n');
    expect(missing).toBeUndefined();
    expect(s3Mock.commandCalls(GetObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'kezek-exports', Key: 'exports/temirtau/x-1/runs/0.jsonl' },
      { Bucket: 'kezek-exports', Key: 'exports/temirtau/x-1/runs/1.jsonl' },
    ]);
  });
});
