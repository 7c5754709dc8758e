import { describe, expect, it } from 'vitest';
import { importCheckEventBytes, importCheckMaxEventBytes } from '#domain/csv-slices';

/** The body as the web sends it, inside an event as API Gateway builds one: JSON in JSON. */
const inEvent = (csv: string) => Buffer.byteLength(JSON.stringify({ body: JSON.stringify({ csv }) })) - Buffer.byteLength(JSON.stringify({ body: '' }));

describe("the import check's size inside a Lambda event", () => {
  it('should count a file as the event will hold it: quotes, backslashes, line breaks, tabs, control characters, Cyrillic and emoji', () => {
    // Prepare
    const files = [
      'external_id,child_name\n',
      'a,"Әлихан ""Әли"" Серікұлы"\r\nb,C:\\path\ttab\n',
      'x,\u0001\u001f\b\f\n',
      'y,👶🏽 эмодзи\n',
      '',
    ];
    // Act + Assess: the same count as JSON.stringify twice over
    for (const csv of files) expect(importCheckEventBytes(csv), JSON.stringify(csv)).toBe(inEvent(csv));
  });

  it("should keep a file at the limit within Lambda's 6,291,456 bytes with room for the event's headers", () => {
    expect(importCheckMaxEventBytes).toBeLessThanOrEqual(6_291_456 - 64 * 1024);
  });
});
