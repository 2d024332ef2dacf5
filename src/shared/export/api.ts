/** The JSON form of an Excel export (issue 16), for the app's typed client (`Accept: application/json`). */
import { z } from 'zod/mini';

export const XlsxExportResponse = z.strictObject({ filename: z.string(), base64: z.string() });
export type XlsxExportResponse = z.infer<typeof XlsxExportResponse>;
