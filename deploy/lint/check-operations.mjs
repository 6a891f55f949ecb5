// Runs the guard, the cleanup and the report-deadline state machines on sample situations (simulate.mjs) and checks
// their decisions: a left-running application is stopped only when no monthly execution runs and no lease is valid;
// an interrupted execution's application is stopped only if that execution held the lock; a month without a
// SUCESSO report publishes 1.
// Usage: node check-operations.mjs <PodCartoesLake.template.json>
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { simulate, stateMachine, TaskError } from './simulate.mjs';
import { FakeApplication, FakeLockTable } from './fakes.mjs';
import { checks } from './checks.mjs';

const template = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const guard = stateMachine(template, 'pod-cartoes-vigia');
const cleanup = stateMachine(template, 'pod-cartoes-limpeza');
const deadline = stateMachine(template, 'pod-cartoes-prazo-relatorio');
const NOW = '2026-03-05T09:00:00.000Z';
const RUN = 'arn:aws:states:sa-east-1:123:execution:pod-cartoes-execucao-mensal:run-1';

const { check, finish } = checks('operations simulation');

const lease = (owner, expiresIn) => ({ recurso: { S: 'aplicacao-flink' }, dono: { S: owner }, mes: { S: '2026-02' },
  expiraEm: { N: String(Date.parse(NOW) + expiresIn) } });

function world({ status = 'RUNNING', running = 0, lock = null, stop = null } = {}) {
  const app = new FakeApplication({ status });
  const table = new FakeLockTable(lock);
  const published = [];
  const mocks = {
    ...app.mocks(stop ? { 'kinesisanalyticsv2:stopApplication': stop } : {}),
    ...table.mocks(),
    'sfn:listExecutions': () => ({ Executions: Array.from({ length: running }, (_, i) => ({ executionArn: `e${i}` })) }),
    'sns:publish': (args) => {
      published.push({ subject: args.Subject, message: JSON.parse(args.Message) });
      return {};
    },
  };
  return { app, table, published, mocks };
}

const stops = (r) => r.actions.filter((a) => a === 'kinesisanalyticsv2:stopApplication').length;

// ---- the guard ---------------------------------------------------------------------------------------------
for (const [name, situation, stopped] of [
  ['RUNNING, no execution, no lease: stopped', {}, true],
  ['MAINTENANCE counts as running: stopped', { status: 'MAINTENANCE' }, true],
  ['STARTING with nobody behind it: stopped', { status: 'STARTING' }, true],
  ['READY: nothing to do', { status: 'READY' }, false],
  ['STOPPING already: left alone', { status: 'STOPPING' }, false],
  ['a monthly execution is running: left alone', { running: 1 }, false],
  ['an operator holds a valid lease: left alone', { lock: lease('operador:maria', 3600000) }, false],
  ['an expired lease protects nothing: stopped', { lock: lease('operador:maria', -60000) }, true],
]) {
  await check(`guard: ${name}`, async () => {
    const w = world(situation);
    const r = await simulate(guard, { mocks: w.mocks, now: NOW });
    assert.equal(stops(r), stopped ? 1 : 0);
    assert.equal(w.published.length, stopped ? 1 : 0);
    if (stopped) {
      assert.equal(r.calls.find((c) => c.action === 'kinesisanalyticsv2:stopApplication').args.Force, true);
      assert.match(w.published[0].message.email, /foi parada/);
      assert.equal(r.end.type, 'Succeed');
    }
  });
}

await check('guard: a stop that fails is notified and fails the guard (its alarm fires)', async () => {
  const w = world({ stop: () => { throw new TaskError('KinesisAnalyticsV2.KinesisAnalyticsV2Exception', 'AccessDenied'); } });
  const r = await simulate(guard, { mocks: w.mocks, now: NOW });
  assert.equal(r.end.type, 'Fail');
  assert.match(w.published[0].message.email, /continua cobrando/);
});

// ---- the cleanup of interrupted executions ---------------------------------------------------------------
const event = (status, error = null) => ({ 'detail-type': 'Step Functions Execution Status Change', source: 'aws.states',
  detail: { executionArn: RUN, status, error, cause: null } });

for (const status of ['ABORTED', 'TIMED_OUT']) {
  await check(`cleanup: ${status} with the lock: stops, releases, notifies`, async () => {
    const w = world({ lock: lease(RUN, 3600000) });
    const r = await simulate(cleanup, { input: event(status), mocks: w.mocks, now: NOW });
    assert.equal(stops(r), 1);
    assert.equal(w.table.item, null, 'lock not released');
    assert.match(w.published[0].message.email, new RegExp(`terminou como ${status}`));
    assert.match(w.published[0].message.email, /parada\./);
  });
}

await check('cleanup: FAILED on a runtime error with the lock: stops and releases', async () => {
  const w = world({ lock: lease(RUN, 3600000) });
  const r = await simulate(cleanup, { input: event('FAILED', 'States.Runtime'), mocks: w.mocks, now: NOW });
  assert.equal(stops(r), 1);
  assert.equal(w.table.item, null);
});

await check('cleanup: the lock held by another execution: the application is not touched', async () => {
  const w = world({ lock: lease('arn:...:other', 3600000) });
  const r = await simulate(cleanup, { input: event('ABORTED'), mocks: w.mocks, now: NOW });
  assert.equal(stops(r), 0);
  assert.equal(w.table.item.dono.S, 'arn:...:other');
  assert.match(w.published[0].message.email, /não foi tocada/);
});

await check('cleanup: aborted before taking the lock: nothing to stop', async () => {
  const w = world({ lock: null });
  const r = await simulate(cleanup, { input: event('ABORTED'), mocks: w.mocks, now: NOW });
  assert.equal(stops(r), 0);
  assert.equal(w.published.length, 1);
});

await check('cleanup: with the lock but the application already READY: only releases', async () => {
  const w = world({ status: 'READY', lock: lease(RUN, 3600000) });
  const r = await simulate(cleanup, { input: event('ABORTED'), mocks: w.mocks, now: NOW });
  assert.equal(stops(r), 0);
  assert.equal(w.table.item, null);
  assert.match(w.published[0].message.email, /já estava parada/);
});

for (const error of ['PodCartoesRunFailed', 'PodCartoesNotificationFailed']) {
  await check(`cleanup: FAILED with ${error} was handled by the run itself`, async () => {
    const w = world({ lock: lease(RUN, 3600000) });
    const r = await simulate(cleanup, { input: event('FAILED', error), mocks: w.mocks, now: NOW });
    assert.equal(r.actions.length, 0);
    assert.equal(w.published.length, 0);
  });
}

// ---- the report deadline -------------------------------------------------------------------------------
async function deadlineRun(reports) {
  const metrics = [];
  const listed = [];
  const mocks = {
    's3:listObjectsV2': (args) => {
      listed.push(args);
      return { KeyCount: reports.length, Contents: reports.map(([key]) => ({ Key: key })) };
    },
    's3:getObject': (args) => ({ Body: JSON.stringify({ resultado: Object.fromEntries(reports)[args.Key] }) }),
    'cloudwatch:putMetricData': (args) => {
      metrics.push(args);
      return {};
    },
  };
  const r = await simulate(deadline, { mocks, now: '2026-03-10T22:00:00.000Z' });
  assert.equal(listed[0].Prefix, '_runs/2026-02/');
  assert.equal(listed[0].Delimiter, '/');
  assert.equal(metrics[0].MetricData[0].MetricName, 'MesSemRelatorioDeSucesso');
  return metrics[0].MetricData[0].Value;
}
await check('deadline: no report at all -> 1', async () => assert.equal(await deadlineRun([]), 1));
await check('deadline: only failures -> 1', async () => assert.equal(await deadlineRun([
  ['_runs/2026-02/a.json', 'FALHA'], ['_runs/2026-02/b.json', 'FALHA']]), 1));
await check('deadline: a failure then a success -> 0', async () => assert.equal(await deadlineRun([
  ['_runs/2026-02/a.json', 'FALHA'], ['_runs/2026-02/b.json', 'SUCESSO']]), 0));

finish();
