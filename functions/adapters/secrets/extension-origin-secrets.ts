import type { OriginSecrets } from '#ports/origin-secrets';

type Fetch = (url: string, init: { headers: Record<string, string> }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface ExtensionOriginSecretsConfig {
  /** Name or ARN of the Secrets Manager secret. */
  readonly secretId: string;
  /** The function's session token: the extension answers only callers that present it. */
  readonly sessionToken: string;
  /** How long values are kept before they are asked for again, so a rotation reaches warm functions. */
  readonly ttlMs: number;
  readonly now: () => number;
  readonly fetch?: Fetch;
  /** The AWS Parameters and Secrets Lambda extension's port (its default 2773). */
  readonly port?: number;
}

/**
 * The origin secret read through the AWS Parameters and Secrets Lambda extension (a local HTTP
 * endpoint that calls Secrets Manager with the function's role and caches), so no Secrets Manager
 * SDK client is bundled. Both AWSCURRENT and AWSPREVIOUS are accepted: after a rotation CloudFront
 * keeps sending the previous value until the web stack is deployed with the new one. Values are
 * kept `ttlMs`; a failed refresh keeps the last values rather than trusting nothing or everything.
 */
export class ExtensionOriginSecrets implements OriginSecrets {
  private cached: { values: readonly string[]; until: number } | undefined;
  private refreshing: Promise<readonly string[]> | undefined;

  constructor(private readonly config: ExtensionOriginSecretsConfig) {}

  async current(): Promise<readonly string[]> {
    if (this.cached && this.config.now() < this.cached.until) return this.cached.values;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<readonly string[]> {
    try {
      const [current, previous] = await Promise.all([this.stage('AWSCURRENT'), this.stage('AWSPREVIOUS')]);
      if (current === undefined) throw new Error('the origin secret has no AWSCURRENT value');
      const values = previous === undefined || previous === current ? [current] : [current, previous];
      this.cached = { values, until: this.config.now() + this.config.ttlMs };
      return values;
    } catch (error) {
      if (this.cached) return this.cached.values;
      throw error;
    }
  }

  /** One version stage's value; undefined when the secret has no such stage (AWSPREVIOUS before a rotation). */
  private async stage(versionStage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string | undefined> {
    const fetch = this.config.fetch ?? (globalThis.fetch as unknown as Fetch);
    const query = new URLSearchParams({ secretId: this.config.secretId, versionStage });
    const response = await fetch(`http://localhost:${this.config.port ?? 2773}/secretsmanager/get?${query}`, {
      headers: { 'X-Aws-Parameters-Secrets-Token': this.config.sessionToken },
    });
    if (!response.ok) {
      if (versionStage === 'AWSPREVIOUS' && (response.status === 400 || response.status === 404)) return undefined;
      throw new Error(`the secrets extension answered ${response.status} for ${versionStage}`);
    }
    const { SecretString } = (await response.json()) as { SecretString?: string };
    return SecretString || undefined;
  }
}
