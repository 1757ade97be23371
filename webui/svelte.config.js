/** Compiler options read by vite-plugin-svelte and svelte-check: every component uses runes. */
export default {
  compilerOptions: { runes: true },
};
