import { z } from 'zod';

// Validation messages reach end users: Portuguese, once for every schema in the process.
z.config(z.locales.pt());
