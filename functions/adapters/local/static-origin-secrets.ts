import type { OriginSecrets } from '#ports/origin-secrets';

/** Fixed origin secrets: the local runtime's configured one, or none (nothing is trusted). */
export class StaticOriginSecrets implements OriginSecrets {
  constructor(private readonly values: readonly string[]) {}

  async current(): Promise<readonly string[]> {
    return this.values;
  }
}
