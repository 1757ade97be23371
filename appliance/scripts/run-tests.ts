export {};

/**
 * Runs every suite (unit tests beside the code, end-to-end and browser
 * tests under tests/) with bun:test, and ends with one line of totals,
 * `N passed, M failed`, for people and CI alike.
 */
const args = Bun.argv.slice(2);
const child = Bun.spawn([process.execPath, 'test', '--timeout', '60000', ...args], {
  stdout: 'inherit',
  stderr: 'pipe',
  env: { ...process.env, FORCE_COLOR: '0' },
});

let passed = 0;
let failed = 0;
const decoder = new TextDecoder();
let pending = '';
const reader = child.stderr.getReader();
for (let r = await reader.read(); !r.done; r = await reader.read()) {
  const text = decoder.decode(r.value, { stream: true });
  process.stderr.write(text);
  pending += text;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const pass = /^\s*(\d+) pass\s*$/.exec(line);
    const fail = /^\s*(\d+) fail\s*$/.exec(line);
    if (pass) passed += Number(pass[1]);
    if (fail) failed += Number(fail[1]);
  }
}
const code = await child.exited;
// A runner that died before its summary counts as a failure, not as zero tests.
if (code !== 0 && failed === 0) failed = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(code === 0 && failed === 0 ? 0 : 1);
