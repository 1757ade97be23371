/** Call-progress tones: national tone plans as data and the generator that plays them. */
export * from './tone-generator.ts';
export * from './tone-plan.ts';
