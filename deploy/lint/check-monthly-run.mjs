// Runs the synthesized monthly state machine on sample months with simulate.mjs and checks what it did:
// the lock is taken before UpdateApplication and released in every path after it, the application is started only
// once READY and stopped only when this execution started it, retries only transient errors, re-runs a month once
// after a transient failure and never after a contract or reconciliation one, and bills start-to-stop time.
// Usage: node check-monthly-run.mjs <PodCartoesLake.template.json>
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { simulate, stateMachine, TaskError } from './simulate.mjs';
import { FakeApplication, FakeLockTable } from './fakes.mjs';
import { checks } from './checks.mjs';

const template = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const definition = stateMachine(template, 'pod-cartoes-execucao-mensal');
const ME = 'arn:aws:states:sa-east-1:123:execution:pod-cartoes-execucao-mensal:abcd1234-ef';

const { check, finish } = checks('monthly run simulation');

const success = {
  resultado: 'SUCESSO',
  tabelas: { tb_faturas: { lidas: 1210, curadas: 1200, quarentena: 7 }, tb_pagamentos: { lidas: 985, curadas: 980, quarentena: 3 } },
  book: { linhas: 1150 },
  duracao_total_ms: 754000,
  custo_estimado_usd: 0.0733,
};
const failed = (etapa) => ({ resultado: 'FALHA', etapa_falha: etapa, erro: `erro em ${etapa}` });

/** A month with both files in landing/, the report written after `reportAfterPolls` looks. */
function world({ report = success, reportAfterPolls = 2, app = new FakeApplication(), lock = new FakeLockTable(),
  overrides = {} } = {}) {
  const published = [];
  const reruns = [];
  const metrics = [];
  const mocks = {
    's3:listObjectsV2': (args, call) => {
      const present = args.Prefix.startsWith('landing/')
        || (report !== null && args.Prefix.startsWith('_runs/') && (mocks.reportLooks = (mocks.reportLooks ?? 0) + 1) >= reportAfterPolls);
      return present ? { KeyCount: 1, Contents: [{ Key: args.Prefix }] } : { KeyCount: 0 };
    },
    's3:getObject': () => ({ Body: JSON.stringify(report) }),
    'sns:publish': (args) => {
      published.push({ subject: args.Subject, message: JSON.parse(args.Message) });
      return { MessageId: 'm' };
    },
    'sfn:startExecution': (args) => {
      reruns.push(JSON.parse(args.Input));
      return { ExecutionArn: 'arn:aws:states:sa-east-1:123:execution:pod-cartoes-execucao-mensal:rerun' };
    },
    'cloudwatch:putMetricData': (args) => {
      metrics.push(...args.MetricData);
      return {};
    },
    ...lock.mocks(),
    ...app.mocks(),
    ...overrides,
  };
  return { mocks, published, reruns, metrics, app, lock };
}

async function run(w, input = { month: '2025-01' }) {
  return { ...(await simulate(definition, { input, mocks: w.mocks, executionId: ME })), ...w };
}

const index = (r, action) => r.actions.indexOf(action);
const count = (r, action) => r.actions.filter((a) => a === action).length;

function assertLockTakenThenReleased(r) {
  const take = index(r, 'dynamodb:putItem');
  const update = index(r, 'kinesisanalyticsv2:updateApplication');
  assert.ok(take >= 0, 'lock never taken');
  if (update >= 0) assert.ok(take < update, 'UpdateApplication before the lock');
  assert.ok(r.actions.lastIndexOf('dynamodb:deleteItem') > take, 'lock not released');
  assert.equal(r.lock.item, null, 'lock still held at the end');
  const release = r.calls.find((c) => c.action === 'dynamodb:deleteItem');
  assert.equal(release.args.ExpressionAttributeValues[':dono'].S, ME, 'released on behalf of someone else');
}

function assertNotified(r, pattern) {
  assert.equal(r.published.length, 1, `expected one notification, got ${r.published.length}`);
  assert.match(r.published[0].message.email, pattern);
}

await check('success: lock, update, READY, start, stop, release, notify', async () => {
  const r = await run(world());
  assert.equal(r.end.type, 'Succeed', JSON.stringify(r.end));
  assertLockTakenThenReleased(r);
  const update = index(r, 'kinesisanalyticsv2:updateApplication');
  const start = index(r, 'kinesisanalyticsv2:startApplication');
  assert.ok(update < start);
  // started only after a describe that saw READY again
  const between = r.calls.slice(update + 1, start).filter((c) => c.action === 'kinesisanalyticsv2:describeApplication');
  assert.ok(between.length >= 3, `waited for READY through ${between.length} describes`);
  assert.equal(count(r, 'kinesisanalyticsv2:startApplication'), 1, 'start retried instead of waiting for READY');
  assert.ok(index(r, 'kinesisanalyticsv2:stopApplication') > start);
  assert.ok(index(r, 'dynamodb:deleteItem') > index(r, 'kinesisanalyticsv2:stopApplication'));
  assert.equal(r.app.properties.month, '2025-01');
  assertNotified(r, /SUCESSO/);
  assert.equal(r.reruns.length, 0);
});

await check('cost: start-to-stop time x KPUs x price of the region', async () => {
  const r = await run(world({ reportAfterPolls: 7 }));
  const email = r.published[0].message.email;
  const m = /Custo da aplicação: US\$ (\d+\.\d\d) \((\d+) KPU × (\d+\.\d\d) h × US\$ ([\d.]+)\/KPU-h\)/.exec(email);
  assert.ok(m, email);
  const hours = (r.app.stoppedAt - r.app.startedAt) / 3600000;
  assert.equal(m[3], hours.toFixed(2));
  assert.equal(m[1], (hours * Number(m[2]) * Number(m[4])).toFixed(2));
  assert.ok(email.includes('Estimativa do próprio job: US$ 0.07'), email);
});

await check('cost: at least the 10-minute minimum', async () => {
  const r = await run(world({ reportAfterPolls: 1 }));
  assert.match(r.published[0].message.email, /KPU × 0\.17 h ×/);
});

await check('dashboard metrics: outcome, billed minutes and cost, rows per table, book rows', async () => {
  const r = await run(world({ reportAfterPolls: 7 }));
  const value = (name, table) => r.metrics.find((m) => m.MetricName === name
    && (table === undefined || (m.Dimensions ?? [])[0]?.Value === table))?.Value;
  assert.equal(value('Execucoes'), 1);
  assert.equal(value('ExecucoesComSucesso'), 1);
  assert.equal(value('LinhasCuradas', 'tb_faturas'), 1200);
  assert.equal(value('LinhasEmQuarentena', 'tb_pagamentos'), 3);
  assert.equal(value('LinhasLidas', 'tb_pagamentos'), 985);
  assert.equal(value('LinhasBook'), 1150);
  const minutes = (r.app.stoppedAt - r.app.startedAt) / 60000;
  assert.ok(Math.abs(value('MinutosFaturados') - minutes) < 1e-9);
  const cost = /Custo da aplicação: US\$ (\d+\.\d\d)/.exec(r.published[0].message.email)[1];
  assert.equal(value('CustoUsd').toFixed(2), cost, 'dashboard and notification disagree on the cost');
  for (const m of r.metrics) assert.equal(typeof m.Value, 'number', JSON.stringify(m));
});

await check('dashboard metrics of a failure without a report: no row counts, outcome 0', async () => {
  const r = await run(world({ report: null }));
  assert.equal(r.metrics.find((m) => m.MetricName === 'ExecucoesComSucesso').Value, 0);
  assert.ok(!r.metrics.some((m) => m.MetricName === 'LinhasCuradas'));
});

await check('a second execution fails clearly while the lock is held, and touches nothing', async () => {
  const other = { recurso: { S: 'aplicacao-flink' }, dono: { S: 'arn:...:other' }, mes: { S: '2025-01' },
    expiraEm: { N: String(Date.parse('2026-03-05T10:00:00.000Z')) } };
  const r = await run(world({ lock: new FakeLockTable(other), app: new FakeApplication({ status: 'RUNNING' }) }));
  assert.equal(r.end.type, 'Fail');
  for (const action of ['updateApplication', 'startApplication', 'stopApplication']) {
    assert.equal(count(r, `kinesisanalyticsv2:${action}`), 0, action);
  }
  assert.equal(count(r, 'dynamodb:deleteItem'), 0, 'released a lock it does not hold');
  assert.equal(r.lock.item.dono.S, 'arn:...:other');
  assertNotified(r, /Etapa: trava/);
  assert.match(r.published[0].message.email,
    /Outra execucao esta usando a aplicacao \(trava pod-cartoes-trava: arn:...:other, mes 2025-01, ate 2026-03-05T10:00:00.000Z\)/);
});

await check('an expired lease is taken over', async () => {
  const stale = { recurso: { S: 'aplicacao-flink' }, dono: { S: 'arn:...:dead' }, mes: { S: '2024-12' },
    expiraEm: { N: String(Date.parse('2026-03-05T08:00:00.000Z')) } };
  const r = await run(world({ lock: new FakeLockTable(stale) }));
  assert.equal(r.end.type, 'Succeed');
  assertLockTakenThenReleased(r);
});

await check('lease covers the READY wait, the job deadline and the stop', async () => {
  const w = world();
  let lease;
  w.mocks['dynamodb:putItem'] = ((put) => (args, call, clock) => {
    lease = Number(args.Item.expiraEm.N) - clock;
    return put(args, call, clock);
  })(w.mocks['dynamodb:putItem']);
  await run(w);
  assert.ok(lease >= (10 + 90 + 30) * 60000, `lease ${lease / 60000} min`);
});

await check('an application running without the lock is neither updated, started nor stopped', async () => {
  const r = await run(world({ app: new FakeApplication({ status: 'RUNNING' }) }));
  assert.equal(r.end.type, 'Fail');
  for (const action of ['updateApplication', 'startApplication', 'stopApplication']) {
    assert.equal(count(r, `kinesisanalyticsv2:${action}`), 0, action);
  }
  assertLockTakenThenReleased(r);
  assertNotified(r, /nada foi iniciado nem parado/);
});

await check('not READY within the bounded wait after the update: no start, lock released', async () => {
  const r = await run(world({ app: new FakeApplication({ updatingDescribes: 1000 }) }));
  assert.equal(count(r, 'kinesisanalyticsv2:startApplication'), 0);
  assert.equal(count(r, 'kinesisanalyticsv2:stopApplication'), 0);
  assertLockTakenThenReleased(r);
  assertNotified(r, /nao voltou a READY em 10 min/);
});

await check('StartApplication refused with ResourceInUse: retried, then never stops what it did not start', async () => {
  const app = new FakeApplication({ updatingDescribes: 0 });
  const r = await run(world({ app, overrides: app.mocks({
    'kinesisanalyticsv2:startApplication': () => { throw new TaskError('KinesisAnalyticsV2.ResourceInUseException', 'in use'); },
  }) }));
  assert.ok(count(r, 'kinesisanalyticsv2:startApplication') > 1, 'ResourceInUse is transient: retried');
  assert.equal(count(r, 'kinesisanalyticsv2:stopApplication'), 0, 'stopped an application it did not start');
  assertLockTakenThenReleased(r);
  assertNotified(r, /nada foi parado/);
});

await check('AccessDenied is not retried', async () => {
  const app = new FakeApplication();
  const r = await run(world({ app, overrides: app.mocks({
    'kinesisanalyticsv2:updateApplication': () => {
      throw new TaskError('KinesisAnalyticsV2.KinesisAnalyticsV2Exception', 'Status Code: 400, Error Code: AccessDeniedException');
    },
  }) }));
  assert.equal(count(r, 'kinesisanalyticsv2:updateApplication'), 1);
  assert.equal(count(r, 'kinesisanalyticsv2:startApplication'), 0);
  assertLockTakenThenReleased(r);
  assertNotified(r, /Etapa: preparacao/);
});

await check('validation errors are not retried either', async () => {
  const app = new FakeApplication();
  const r = await run(world({ app, overrides: app.mocks({
    'kinesisanalyticsv2:updateApplication': () => { throw new TaskError('KinesisAnalyticsV2.InvalidArgumentException', 'bad'); },
  }) }));
  assert.equal(count(r, 'kinesisanalyticsv2:updateApplication'), 1);
  assertLockTakenThenReleased(r);
});

await check('throttling is retried', async () => {
  const app = new FakeApplication();
  const describe = app.mocks()['kinesisanalyticsv2:describeApplication'];
  const r = await run(world({ app, overrides: app.mocks({
    'kinesisanalyticsv2:describeApplication': (args, call, clock) => {
      if (call === 1) throw new TaskError('KinesisAnalyticsV2.TooManyRequestsException', 'slow down');
      return describe(args, call, clock);
    },
  }) }));
  assert.equal(r.end.type, 'Succeed');
});

await check('a failed start that may have started it is stopped (the lock makes it ours)', async () => {
  const app = new FakeApplication({ updatingDescribes: 0 });
  const r = await run(world({ app, overrides: app.mocks({
    'kinesisanalyticsv2:startApplication': (args, call, clock) => {
      app.status = 'STARTING';
      app.startedAt = clock;
      throw new TaskError('States.Timeout', 'no answer');
    },
  }) }));
  assert.ok(count(r, 'kinesisanalyticsv2:stopApplication') >= 1);
  assertLockTakenThenReleased(r);
});

await check('MAINTENANCE while the job runs keeps polling', async () => {
  const r = await run(world({ reportAfterPolls: 4, app: new FakeApplication({ runningScript: ['MAINTENANCE', 'MAINTENANCE', 'RUNNING'] }) }));
  assert.equal(r.end.type, 'Succeed', JSON.stringify(r.end));
  assert.ok(!r.visited.includes('ApplicationStoppedEarly'));
});

await check('job timeout: stopped, released, notified', async () => {
  const r = await run(world({ report: null }));
  assert.ok(count(r, 'kinesisanalyticsv2:stopApplication') === 1);
  assertLockTakenThenReleased(r);
  assertNotified(r, /FALHOU na etapa tempo-limite/);
});

await check('application dies without a report: released, notified', async () => {
  const r = await run(world({ report: null, app: new FakeApplication({ runningScript: ['READY'] }) }));
  assertLockTakenThenReleased(r);
  assertNotified(r, /FALHOU na etapa execucao/);
});

for (const etapa of ['deteccao', 'raw']) {
  await check(`FALHA at ${etapa} (transient): stopped, released, re-run once automatically, then notified`, async () => {
    const r = await run(world({ report: failed(etapa) }));
    assertLockTakenThenReleased(r);
    assert.deepEqual(r.reruns, [{ month: '2025-01', tentativa: 2 }]);
    assert.ok(index(r, 'sfn:startExecution') > index(r, 'dynamodb:deleteItem'), 're-run started before the lock was freed');
    assertNotified(r, /Re-execução automática do mês/);
    assert.equal(r.end.type, 'Fail');
  });
}

await check('the automatic re-run finds the application READY and the lock free, and succeeds', async () => {
  const w = world({ report: failed('raw') });
  const first = await run(w);
  assert.equal(first.app.status, 'READY', 'lock released while the application was still stopping');
  // the re-run, on the same application and lock, with the month's data fine this time
  const again = world({ app: w.app, lock: w.lock });
  const second = await run(again, w.reruns[0]);
  assert.equal(second.end.type, 'Succeed', JSON.stringify(second.end));
  assert.equal(second.reruns.length, 0);
});

await check('the lock waits for READY after the stop, within a bound', async () => {
  const r = await run(world({ app: new FakeApplication({ stoppingDescribes: 1000 }) }));
  assertLockTakenThenReleased(r);
  assert.equal(r.published.length, 1);
});

for (const etapa of ['contrato', 'job', 'reconciliacao', 'curated', 'book']) {
  await check(`FALHA at ${etapa}: never re-run`, async () => {
    const r = await run(world({ report: failed(etapa) }));
    assert.equal(r.reruns.length, 0);
    assertNotified(r, new RegExp(`FALHOU na etapa ${etapa}`));
  });
}

await check('the automatic re-run is not re-run again', async () => {
  const r = await run(world({ report: failed('raw') }), { month: '2025-01', tentativa: 2 });
  assert.equal(r.reruns.length, 0);
  assertNotified(r, /FALHOU na etapa raw/);
});

await check('stop refused: lock released (the guard takes over), failure says it may still bill', async () => {
  const app = new FakeApplication();
  const r = await run(world({ app, overrides: app.mocks({
    'kinesisanalyticsv2:stopApplication': () => {
      throw new TaskError('KinesisAnalyticsV2.KinesisAnalyticsV2Exception', 'AccessDeniedException');
    },
  }) }));
  assert.equal(count(r, 'kinesisanalyticsv2:stopApplication'), 1, 'AccessDenied retried');
  assertLockTakenThenReleased(r);
  assertNotified(r, /parada-da-aplicacao/);
  assert.match(r.published[0].message.email, /PODE ESTAR LIGADA/);
  assert.equal(r.reruns.length, 0);
});

await check('missing landing files: no lock, nothing touched', async () => {
  const w = world();
  w.mocks['s3:listObjectsV2'] = () => ({ KeyCount: 0 });
  const r = await run(w);
  assert.equal(count(r, 'dynamodb:putItem'), 0);
  assert.equal(r.actions.filter((a) => a.startsWith('kinesisanalyticsv2:')).length, 0);
  assertNotified(r, /Arquivos ausentes/);
});

finish();
