import { z } from 'zod';

// Our CSP forbids eval; without this zod probes `new Function` and logs a CSP violation on every start.
z.config({ jitless: true });
