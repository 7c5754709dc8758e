import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { authorizer as authorizerDefinition, routes, type Grants, type RouteDefinition } from '#http/routes';
import { cloudTableKeys, tables as tableDefinitions, type CloudTableKey } from '#functions/tables';
import { AppFunction } from './app-function.ts';
import type { DataStack } from './data-stack.ts';

export interface ApiStackProps extends StackProps {
  readonly stage: string;
  /** Source of the tables; they are imported through its named exports. */
  readonly data: DataStack;
}

/** `parent-login-code` → `ParentLoginCode`: construct ids stay readable in the console. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Construct id of a route: method and path, e.g. `GetApiCabinetApplications`. */
export function routeId(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return pascalCase(`${route.method.toLowerCase()} ${route.path}`);
}

/**
 * The HTTP API: one function and one route per entry of the route table, each function granted
 * exactly what its entry's `grants` name, and a Lambda authorizer in front of every non-public
 * route.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  /** `<apiId>.execute-api.<region>.amazonaws.com`: the origin CloudFront forwards `/api/*` to. */
  readonly apiDomainName: string;
  /** Functions by handler name (route handlers and `authorizer`). */
  readonly functions: ReadonlyMap<string, AppFunction>;
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
        const tables = Object.fromEntries(cloudTableKeys.map((key) => [key, props.data.importTable(this, key)]));
    const functions = new Map<string, AppFunction>();
    const createFunction = (handlerName: string, grants: Grants): AppFunction => {
      const fn = new AppFunction(this, `${pascalCase(handlerName)}Function`, { handlerName });
      const tableGrants = Object.entries(grants.tables ?? {}) as [CloudTableKey, 'read' | 'readWrite'][];
      for (const [key, access] of tableGrants) fn.bindTable(tableDefinitions[key], tables[key]!, access);
      if (grants.sms) fn.bindSms();
      functions.set(handlerName, fn);
      return fn;
    };

    const authorizerFunction = createFunction(authorizerDefinition.handler, authorizerDefinition.grants);
    const sessionAuthorizer = new HttpLambdaAuthorizer('SessionAuthorizer', authorizerFunction, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Cookie'],
      // A session can end at any moment (logout, expiry): every request is checked afresh.
      resultsCacheTtl: Duration.seconds(0),
    });

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `kezek-${props.stage}`,
      description: 'kezek HTTP API, served to browsers through CloudFront under /api/*',
      // The default stage is created below, with access logs and throttling.
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: 200, rateLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // JSON, and no path or query string: they may carry an IIN.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    for (const route of routes as readonly RouteDefinition[]) {
      const fn = createFunction(route.handler, route.grants);
      const httpRoute = new HttpRoute(this, `${routeId(route)}Route`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${routeId(route)}Integration`, fn),
        authorizer: route.access === 'public' ? undefined : sessionAuthorizer,
      });
      if (route.access === 'public') {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design in functions/http/routes.ts (${route.summary}).`,
        });
      }
    }
    this.functions = functions;

    this.apiDomainName = `${this.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
    new CfnOutput(this, 'ApiEndpoint', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'ApiDomainName', { value: this.apiDomainName, exportName: this.domainExportName() });
  }

  /**
   * The API's domain seen from another stack (the web stack's CloudFront origin), through a
   * named export; the consumer stack must depend on this one.
   */
  importApiDomainName(): string {
    return Fn.importValue(this.domainExportName());
  }

  private domainExportName(): string {
    return `kezek-${this.stage}-api-domain`;
  }
}
