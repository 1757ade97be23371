/** IVR menus. */
export * from './ivrs-repository.ts';
