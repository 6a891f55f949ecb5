#!/usr/bin/env bash
# Offline checks of the synthesized CloudFormation (no AWS account, no credentials):
#   1. `cdk synth --strict` with the CDK CLI, exactly as `cdk deploy` synthesizes (warnings fail);
#   2. aws-cdk-lib's CloudFormation validation of every resource (target/cdk.out/validation-report.json);
#   3. the state machine's JSONata: every expression compiled, and the month, landing, report and
#      notification expressions evaluated on sample runs with the JSONata reference implementation;
#   4. the state machines run on sample months with lint/simulate.mjs (fake AWS answers): lock, READY wait,
#      stop only what this execution started, retries, automatic re-run, billed cost; and the guard, the cleanup
#      of interrupted executions and the report-deadline check on sample situations.
# Needs Java 17, Maven and Node.js; the first run installs lint/package-lock.json from the npm registry.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x lint/node_modules/.bin/cdk ]; then
  (cd lint && npm ci --no-audit --no-fund)
fi

export CDK_DISABLE_CLI_TELEMETRY=true
# A real-looking address: the placeholder e-mail is a warning, and --strict turns warnings into errors.
# The region is explicit: its default (CDK_DEFAULT_REGION, set by the CLI from an AWS profile) picks the KPU price.
lint/node_modules/.bin/cdk synth --strict --no-notices --quiet -c notificationEmail=lint@example.org -c region=sa-east-1
node lint/check-validation-report.mjs target/cdk.out
# The opt-ins (Lake Formation, QuickSight) synthesize strictly too.
lint/node_modules/.bin/cdk synth --strict --no-notices --quiet -o target/cdk.out.opt-in -c notificationEmail=lint@example.org -c region=sa-east-1 \
  -c lakeFormation=true -c quicksight=true -c quicksightPrincipalArn=arn:aws:quicksight:sa-east-1:123456789012:group/default/analistas
node lint/check-validation-report.mjs target/cdk.out.opt-in
node lint/check-state-machine.mjs target/cdk.out/PodCartoesLake.template.json
node lint/check-monthly-run.mjs target/cdk.out/PodCartoesLake.template.json
node lint/check-operations.mjs target/cdk.out/PodCartoesLake.template.json
