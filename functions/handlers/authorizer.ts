import middy from '@middy/core';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { dependencies } from '#adapters/dependencies';
import { observability } from '#adapters/observability';
import { contextFromIdentity, type AuthorizerContext } from '#http/authorizer-context';
import { readSessionToken } from '#http/cookies';
import { identityOf } from '#use-cases/sessions';

/**
 * The HTTP API's Lambda authorizer (simple responses, never cached: a disabled staff account's
 * sessions end at their next request). It only says who the caller is; each
 * handler checks the role against the route table, so that a missing or dead session is a 401
 * and a wrong role a 403, both with a localized message.
 */
export const handler = middy<APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>>()
  .use(observability())
  .handler(async (event) => {
    const deps = dependencies();
    const token = readSessionToken(event.cookies, event.headers?.cookie, deps.cookieSecure);
    const identity = token ? await identityOf(deps, token, deps.clock()) : undefined;
    return { isAuthorized: true, context: contextFromIdentity(identity) };
  });
