/**
 * The values CloudFront may send in the origin-verify header: the current secret and, during a
 * rotation, the previous one (CloudFront sends the old value until the web stack is deployed again).
 * An empty list trusts no request.
 */
export interface OriginSecrets {
  current(): Promise<readonly string[]>;
}
