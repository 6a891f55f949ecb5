// The small harness both simulation checks share: named async checks, counted, failures printed with their stack,
// and one summary line with the exit code.
export function checks(title) {
  let failures = 0;
  let count = 0;
  return {
    async check(name, fn) {
      count++;
      try {
        await fn();
      } catch (e) {
        failures++;
        console.error(`FAIL ${name}: ${e.stack}`);
      }
    },
    finish() {
      console.log(`${title}: ${count - failures} passed, ${failures} failed`);
      process.exit(failures === 0 ? 0 : 1);
    },
  };
}
