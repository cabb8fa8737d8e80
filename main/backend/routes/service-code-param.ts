import { z } from 'zod';
import { lazySchema } from '../../../common/lazy-schema';
import { SERVICE_CODE_PATTERN } from '../../../common/service-code';

/** `:code` in a route's path. */
export const serviceCodeParam = lazySchema(() => z.object({ code: z.string().regex(SERVICE_CODE_PATTERN) }));
