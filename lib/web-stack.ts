import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Annotations, CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { repoRoot } from './app-function.ts';
import { wildcardFindings } from './nag.ts';

/** A domain of our own; until there is one, the distribution uses its `*.cloudfront.net` name. */
export interface CustomDomain {
  readonly domainName: string;
  /** ACM certificate for `domainName`, in us-east-1 (CloudFront's requirement). */
  readonly certificateArn: string;
}

export interface WebStackProps extends StackProps {
  readonly stage: string;
  /** Domain of the HTTP API: its own domain, or `<apiId>.execute-api.<region>.amazonaws.com`. */
  readonly apiDomainName: string;
  /**
   * Name of the Secrets Manager secret (in this stack's region) whose value CloudFront sends to
   * the API in `x-kezek-origin-verify`. CloudFormation resolves it at deploy time, so the value
   * never appears in the template.
   */
  readonly originSecretName: string;
  /**
   * A version id of that secret to send instead of the current value at deploy time: after a
   * rotation, deploying with the new version's id is what changes the distribution (a dynamic
   * reference that reads the same is not resolved again).
   */
  readonly originSecretVersionId?: string;
  /** ARN of the AWS WAF web ACL (scope CLOUDFRONT, us-east-1) in front of the distribution. */
  readonly webAclArn?: string;
  readonly customDomain?: CustomDomain;
  /** Built front end; defaults to `web/dist` (made by `npm run build:web`). */
  readonly webDistPath?: string;
}

/**
 * Rewrites History-API routes of the single-page app (`/cabinet`, `/ru/survey`) to
 * `/index.html`; files (`/assets/app.js`) pass unchanged. Only the default behaviour runs it,
 * so `/api/*` never reaches it.
 */
const spaRewriteCode = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

/** The API is reached on the same origin through CloudFront, so `'self'` covers it. */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

/** The static front end: a private bucket behind CloudFront, which also forwards `/api/*`. */
export class WebStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    const logBucket = new Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront standard logging writes with ACLs, so the bucket must accept them.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own access would log forever.',
    });

    this.bucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3-site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for single-page-app routes without a file extension',
      code: FunctionCode.fromInline(spaRewriteCode),
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'kezek security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
      },
    });

    const certificate = props.customDomain
      ? Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn)
      : undefined;

    const originSecret = SecretValue.secretsManager(props.originSecretName, props.originSecretVersionId ? { versionId: props.originSecretVersionId } : {});
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `kezek ${props.stage}`,
      ...(props.webAclArn && { webAclId: props.webAclArn }),
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(certificate && props.customDomain
        ? {
            certificate,
            domainNames: [props.customDomain.domainName],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomainName, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            // Replaces a header of that name a viewer may send: only CloudFront can present it.
            customHeaders: { 'x-kezek-origin-verify': originSecret.unsafeUnwrap() },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    this.acknowledgeDistributionFindings(Boolean(certificate), Boolean(props.webAclArn));

    const webDist = props.webDistPath ?? path.join(repoRoot, 'web', 'dist');
    if (existsSync(path.join(webDist, 'index.html'))) {
      new BucketDeployment(this, 'DeployWeb', {
        sources: [Source.asset(webDist)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
      });
      this.narrowDeploymentRole();
    } else {
      Annotations.of(this).addWarningV2(
        'kezek:webDistMissing',
        `${webDist} has no index.html, so the front end is not deployed: run npm run build:web before deploy.`,
      );
    }

    new CfnOutput(this, 'SiteUrl', { value: `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}` });
    new CfnOutput(this, 'SiteBucketName', { value: this.bucket.bucketName });
  }

  private acknowledgeDistributionFindings(hasCertificate: boolean, hasWebAcl: boolean): void {
    const distribution = Validations.of(this.distribution);
    distribution.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: parents of a Kazakh city may be abroad (work, study) and must still reach their cabinet.',
    });
    if (!hasWebAcl) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'Only the stand-alone web stack of the tests has no web ACL; addKezekStacks always attaches the edge stack one.',
      });
    }
    if (!hasCertificate) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'CloudFront default certificate since no domain yet: its security policy cannot be set. With ' +
          'a customDomain the distribution uses TLSv1.2_2021.',
      });
    }
  }

  /**
   * The deployment's helper function is aws-cdk-lib's own custom resource (deploy time only).
   * Its invalidation statement on "*" is narrowed to our distribution; its other wildcards are
   * the library's asset-copy grants on the CDK asset bucket and on our site bucket.
   */
  private narrowDeploymentRole(): void {
    const handler = this.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    const policy = handler?.node.tryFindChild('ServiceRole')?.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
    if (!handler || !(policy instanceof CfnPolicy)) throw new Error('BucketDeployment internals changed: review its role');
    const document = this.resolve(policy.policyDocument) as {
      Statement: { Effect: string; Action: string | string[]; Resource: unknown }[];
    };
    const invalidation = document.Statement.findIndex((statement) =>
      [statement.Action].flat().includes('cloudfront:CreateInvalidation'),
    );
    if (invalidation >= 0) {
      // CreateInvalidation and GetInvalidation accept the distribution ARN; CDK grants them on "*".
      policy.addPropertyOverride(
        `PolicyDocument.Statement.${invalidation}.Resource`,
        this.formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: this.distribution.distributionId }),
      );
    }
    Validations.of(handler).acknowledge(
      ...wildcardFindings(document).map((id) => ({
        id,
        reason:
          'aws-cdk-lib BucketDeployment custom resource: it copies web/dist from the CDK asset bucket to the ' +
          'site bucket (its own S3 action wildcards) and invalidates the distribution; the invalidation ' +
          '"*" is overridden to the distribution ARN above (cdk-nag reads the unoverridden value).',
      })),
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'aws-cdk-lib BucketDeployment custom resource: its role and managed policy are created by the library.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'aws-cdk-lib BucketDeployment custom resource: the library pins its runtime.',
      },
    );
  }
}
