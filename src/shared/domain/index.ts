/**
 * Pure domain math shared by server and client. Code outside src/shared imports from here;
 * schema files import the one module they need (schema/text.ts → personnummer.ts), because going
 * through this index would loop back via bhk.ts → schema/bhk-observation.ts → schema/text.ts.
 */
export * from './personnummer';
export * from './periods';
export * from './bhk';
export * from './rollup';
