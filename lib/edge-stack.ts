import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export interface EdgeStackProps extends StackProps {
  readonly stage: string;
}

/** Requests per 5 minutes from one address before the rate rules block it for a while. */
export const webRateLimits = {
  /** Everything (pages, files, API): a school or an office behind one address stays well below. */
  all: 2_000,
  /** Login code and session requests: the SMS and password guesses an address may cost us. */
  auth: 100,
} as const;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/**
 * The distribution's AWS WAF web ACL. CloudFront takes only a web ACL of scope CLOUDFRONT, which
 * exists in us-east-1 alone, while the other stacks live in the API's region: so this stack is
 * deployed to us-east-1 and the web stack reads the ACL's ARN through a cross-region reference.
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const prefix = `kezek-${props.stage}`;
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${prefix}-web`,
      description: 'kezek distribution: per-address rate limits and the AWS common rule set',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${prefix}-web`),
      rules: [
        {
          name: 'rate-auth',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: webRateLimits.auth,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: '/api/auth/',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility(`${prefix}-rate-auth`),
        },
        {
          name: 'rate-all',
          priority: 1,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: webRateLimits.all, evaluationWindowSec: 300, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility(`${prefix}-rate-all`),
        },
        {
          name: 'aws-common',
          priority: 2,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Staff import CSV slices well above the rule's 8 KB body limit; the API bounds bodies itself.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility(`${prefix}-aws-common`),
        },
      ],
    });
  }
}
