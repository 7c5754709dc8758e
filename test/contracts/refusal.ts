/**
 * The error a write was refused with (undefined when it was not refused): awaited at once, so a
 * test can make several attempts in its Act part and assess their refusals afterwards.
 */
export const refusal = (attempt: Promise<unknown>): Promise<unknown> => attempt.then(() => undefined, (error: unknown) => error);
