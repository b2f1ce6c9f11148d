import { z } from 'zod';

/** Stable, file-name-safe identifiers: lower-case slugs, so an id can never name a path outside its folder. */
export const SlugSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug (letters, digits and single hyphens)');

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
