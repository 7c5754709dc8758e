import * as z from 'zod/mini';
import { languages } from '../language.ts';

/** A text in every language, as clients receive it. */
export const localizedWire = () => z.object(Object.fromEntries(languages.map((language) => [language, z.string()])) as Record<(typeof languages)[number], z.ZodMiniString>);

/** An option as clients receive it. */
export const optionWire = () => z.object({ id: z.string(), label: localizedWire(), description: z.optional(localizedWire()) });
