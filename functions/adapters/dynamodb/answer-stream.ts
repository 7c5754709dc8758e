import type { AnswerChange, CountedRevision } from '#domain/answer-aggregation';
import { counterKeys, type AnswerDimensions } from '#domain/survey-answers';
import { surveyDefinition } from '#domain/survey-definition';

/** An attribute value as a DynamoDB stream record carries it (Lambda's event shape). */
export type StreamAttribute = { S?: string; N?: string; BOOL?: boolean; NULL?: boolean; L?: StreamAttribute[]; M?: Record<string, StreamAttribute>; SS?: string[]; NS?: string[] };

/** The part of a stream record the aggregation reads. */
export interface AnswerStreamRecord {
  readonly eventName?: string;
  readonly dynamodb?: { readonly SequenceNumber?: string; readonly OldImage?: Record<string, StreamAttribute>; readonly NewImage?: Record<string, StreamAttribute>; readonly Keys?: Record<string, StreamAttribute> };
}

/** A stream attribute as a plain value (the types the answers table holds). */
function plain(value: StreamAttribute): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL) return null;
  if (value.L) return value.L.map(plain);
  if (value.M) return Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, plain(v)]));
  if (value.SS) return [...value.SS];
  if (value.NS) return value.NS.map(Number);
  throw new Error(`an attribute of an unexpected type: ${Object.keys(value).join(', ')}`);
}

const item = (image: Record<string, StreamAttribute>): Record<string, unknown> => Object.fromEntries(Object.entries(image).map(([k, v]) => [k, plain(v)]));

/**
 * An answer item as the counters see it: the counter keys it was stored with (an item written
 * before they were stored has them derived from its version's definition) and its dimensions.
 */
function countedOf(stored: Record<string, unknown>): CountedRevision | undefined {
  const dimensions = stored.dimensions as AnswerDimensions | undefined;
  if (!dimensions) return undefined;
  const definition = surveyDefinition(stored.version as string);
  const keys = Array.isArray(stored.counted) ? (stored.counted as string[]) : definition ? counterKeys(definition, stored.answer as Record<string, unknown>) : [];
  return {
    revision: Number(stored.revision ?? 0),
    keys,
    dimensions: { district: dimensions.district, cohorts: (dimensions.cohorts ?? []).map(Number) },
    confirms: Number(stored.confirms ?? 0),
    ...(typeof stored.confirmedOn === 'string' && { confirmedOn: stored.confirmedOn }),
  };
}

/** The change of an answer a stream record of the answers table carries (undefined: not an answer the counters follow). */
export function answerChangeOf(record: AnswerStreamRecord): AnswerChange | undefined {
  const images = record.dynamodb;
  const sequence = images?.SequenceNumber;
  if (!images || !sequence) return undefined;
  const before = images.OldImage && item(images.OldImage);
  const after = images.NewImage && item(images.NewImage);
  const current = after ?? before;
  if (!current || typeof current.campaignKey !== 'string' || typeof current.applicantIin !== 'string') return undefined;
  const campaignKey = current.campaignKey;
  const split = campaignKey.indexOf('#');
  const counted = { before: before && countedOf(before), after: after && countedOf(after) };
  return {
    campaignKey,
    applicantIin: current.applicantIin,
    // Answers stored before the aggregation carried them have their campaign in their key (tenant ids have no `#`).
    tenantId: typeof current.tenantId === 'string' ? current.tenantId : campaignKey.slice(0, split),
    campaignId: typeof current.campaignId === 'string' ? current.campaignId : campaignKey.slice(split + 1),
    sequence,
    ...(counted.before && { before: counted.before }),
    ...(counted.after && { after: counted.after }),
  };
}
