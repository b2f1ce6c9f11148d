import { z } from 'zod';
import { method } from './define';
import { SourceSchema } from '../model/source';
import { SlugSchema } from '../model/ids';

export const sourcesContract = {
  list: method(z.void(), z.array(z.object({ id: SlugSchema, title: z.string(), damaged: z.string().optional() }))),
  get: method(z.object({ id: SlugSchema }), SourceSchema),
};
