// zod 4 compiles object schemas with `new Function` unless told not to, and probes for it with
// `Function('')` the first time an object schema is built. The renderer's CSP (script-src 'self',
// no 'unsafe-eval') refuses both and reports a violation; zod then falls back anyway. Turning the
// JIT off must happen before any schema is built, so main.tsx imports this module first.
import { z } from 'zod';

z.config({ jitless: true });
