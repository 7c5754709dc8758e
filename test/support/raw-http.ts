import { request as httpRequest } from 'node:http';

/** A request exactly as given: the path is not normalised (`..` and `%2e` reach the server). */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/**
 * Sends a request byte for byte (unlike `fetch`, which resolves dot segments and checks headers),
 * on a connection of its own: a reused keep-alive socket that the server closed while idle would
 * fail as a "socket hang up" that says nothing about the request.
 */
export function sendRaw(baseUrl: string, raw: RawRequest): Promise<{ status: number; text: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method: raw.method, path: raw.path, headers: raw.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(raw.body);
  });
}
