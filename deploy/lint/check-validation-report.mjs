// Fails on any violation in the CloudFormation validation that aws-cdk-lib runs during synth
// (validation-report.json: every resource's properties checked against the CloudFormation schemas, offline).
// Usage: node check-validation-report.mjs <cdk.out>
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(process.argv[2], 'validation-report.json');
if (!existsSync(file)) {
  console.error(`${file} not found: synthesize first`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
let violations = 0;
for (const plugin of report.pluginReports) {
  for (const v of plugin.violations) {
    violations++;
    const where = v.violatingConstructs.map((c) => c.constructPath).join(', ');
    console.error(`${plugin.pluginName} ${v.ruleName} (${v.severity}): ${v.description} [${where}]`);
  }
}
console.log(`CloudFormation validation: ${report.pluginReports.length} plugin report(s), ${violations} violation(s)`);
process.exit(violations === 0 ? 0 : 1);
