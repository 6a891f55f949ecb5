// Compiles every JSONata expression of the synthesized state machine with the JSONata reference implementation
// and evaluates the ones that decide a run (month, landing keys, report, messages) on sample runs.
// Usage: node check-state-machine.mjs <PodCartoesLake.template.json>
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import jsonata from 'jsonata';
import { stateMachine } from './simulate.mjs';

const template = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const definition = stateMachine(template, 'pod-cartoes-execucao-mensal');
const states = definition.States;

// Step Functions' own functions, as documented.
const stepFunctionsFunctions = { parse: (s) => JSON.parse(s), uuid: () => '00000000-0000-4000-8000-000000000000' };

let failures = 0;
let checks = 0;
function check(name, fn) {
  checks++;
  return Promise.resolve().then(fn).catch((e) => {
    failures++;
    console.error(`FAIL ${name}: ${e.message}`);
  });
}

// 1. Every {% %} expression of every state machine compiles.
const expressions = [];
function walk(node, path) {
  if (typeof node === 'string') {
    if (node.startsWith('{%')) {
      assert.ok(node.endsWith('%}'), `${path}: expression must end with %}`);
      expressions.push([path, node.slice(2, -2)]);
    }
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) walk(v, `${path}/${k}`);
  }
}
for (const resource of Object.values(template.Resources)) {
  if (resource.Type === 'AWS::StepFunctions::StateMachine') {
    const name = resource.Properties.StateMachineName;
    walk(stateMachine(template, name).States, name);
  }
}
for (const [path, expression] of expressions) {
  await check(`compile ${path}`, () => jsonata(expression));
}

async function evaluate(expression, variables, now = '2026-03-05T09:00:00.000Z') {
  const compiled = jsonata(expression.slice(2, -2));
  const bindings = { ...stepFunctionsFunctions, now: () => now, ...variables };
  return compiled.evaluate({}, bindings);
}

const context = { Execution: { Id: 'arn:aws:states:sa-east-1:123:execution:pod-cartoes-execucao-mensal:abcd1234-ef', Name: 'abcd1234-ef' } };

// 2. The month: from the input, or the previous calendar month (across a year boundary too).
const monthExpr = states.ResolveRun.Assign.month;
await check('month from input', async () => assert.equal(await evaluate(monthExpr, { states: { input: { month: '2024-07' }, context } }), '2024-07'));
await check('previous month', async () => assert.equal(await evaluate(monthExpr, { states: { input: {}, context } }), '2026-02'));
await check('previous month in January', async () => assert.equal(
  await evaluate(monthExpr, { states: { input: {}, context } }, '2026-01-05T09:00:00.000Z'), '2025-12'));
await check('run id', async () => assert.match(await evaluate(states.ResolveRun.Assign.runId, { states: { input: {}, context } }),
  /^20260305T090000Z-abcd1234$/));
const valid = states.MonthIsValid.Choices[0].Condition;
for (const [month, ok] of [['2025-01', true], ['2025-12', true], ['2025-13', false], ['2025-1', false], ['abc', false]]) {
  await check(`month ${month} valid=${ok}`, async () => assert.equal(await evaluate(valid, { month }), ok));
}

// 3. Landing keys and the check that the exact file exists.
const month = '2025-01';
const runId = '20250205T090000Z-abcd1234';
const prepare = states.PrepareRun.Assign;
const faturasKey = await evaluate(prepare.faturasKey, { month });
await check('faturas key', () => assert.equal(faturasKey, 'landing/tb_faturas_202501.csv'));
await check('pagamentos key', async () => assert.equal(await evaluate(prepare.pagamentosKey, { month }), 'landing/tb_pagamentos_202501.csv'));
await check('report key', async () => assert.equal(await evaluate(prepare.reportKey, { month, runId }), `_runs/2025-01/${runId}.json`));
const present = states.CheckFaturasInLanding.Assign.faturasReady;
for (const [result, expected] of [
  [{ KeyCount: 1, Contents: [{ Key: 'landing/tb_faturas_202501.csv' }] }, true],
  [{ KeyCount: 0 }, false],
  [{ KeyCount: 1, Contents: [{ Key: 'landing/tb_faturas_202501.csv.tmp' }] }, false],
]) {
  await check(`landing check ${JSON.stringify(result)}`, async () => assert.equal(
    await evaluate(present, { states: { result }, faturasKey }), expected));
}
await check('missing files are named', async () => {
  const error = await evaluate(states.LandingFilesMissing.Assign.failureError,
    { faturasReady: true, pagamentosReady: false, faturasKey, pagamentosKey: 'landing/tb_pagamentos_202501.csv' });
  assert.match(error, /landing\/tb_pagamentos_202501\.csv$/);
  assert.doesNotMatch(error, /tb_faturas/);
});

// 4. The report decides the outcome.
const report = {
  resultado: 'SUCESSO',
  tabelas: { tb_faturas: { curadas: 1200, quarentena: 7 }, tb_pagamentos: { curadas: 980, quarentena: 3 } },
  book: { linhas: 1150 },
  duracao_total_ms: 754000,
  custo_estimado_usd: 0.0733,
};
await check('report parsed', async () => assert.deepEqual(
  await evaluate(states.ReadRunReport.Assign.report, { states: { result: { Body: JSON.stringify(report) } } }), report));
const succeeded = states.RunReportResult.Choices[0].Condition;
await check('SUCESSO succeeds', async () => assert.equal(await evaluate(succeeded, { report }), true));
await check('FALHA fails', async () => assert.equal(await evaluate(succeeded, { report: { resultado: 'FALHA' } }), false));
await check('failure stage and error from the report', async () => {
  const failed = { resultado: 'FALHA', etapa_falha: 'curadoria', erro: 'cabecalho invalido' };
  assert.equal(await evaluate(states.ReportedFailure.Assign.failureStage, { report: failed }), 'curadoria');
  assert.equal(await evaluate(states.ReportedFailure.Assign.failureError, { report: failed }), 'cabecalho invalido');
  assert.equal(await evaluate(states.ReportedFailure.Assign.failureStage, { report: { resultado: 'FALHA' } }), 'job');
});
const running = states.ApplicationStillRunning.Choices[0].Condition;
await check('RUNNING keeps polling', async () => assert.equal(await evaluate(running, { appStatus: 'RUNNING' }), true));
await check('READY stops polling', async () => assert.equal(await evaluate(running, { appStatus: 'READY' }), false));

// 5. The notifications: e-mail text and the Chatbot custom notification.
const publishVariables = { month, runId, reportKey: `_runs/2025-01/${runId}.json`, startedAt: Date.parse('2026-03-05T08:30:00.000Z'),
  stoppedAt: Date.parse('2026-03-05T08:45:00.000Z'),
  states: { context } };
await check('success message', async () => {
  const message = JSON.parse(await evaluate(states.NotifySuccess.Arguments.Message, { ...publishVariables, report }));
  for (const text of ['2025-01', 'tb_faturas: 1200 curadas, 7 em quarentena', 'tb_pagamentos: 980 curadas, 3 em quarentena',
    'Book: 1150 linhas', 'Duração: 12.6 min', 'Estimativa do próprio job: US$ 0.07']) {
    assert.ok(message.email.includes(text), `e-mail lacks "${text}":\n${message.email}`);
  }
  const chatbot = JSON.parse(message.default);
  assert.equal(chatbot.version, '1.0');
  assert.equal(chatbot.source, 'custom');
  assert.equal(chatbot.content.textType, 'client-markdown');
  assert.ok(chatbot.content.description.includes('1200 curadas'));
});
await check('success message bills start-to-stop time, not the job estimate', async () => {
  const { custo_estimado_usd: _, ...withoutCost } = report;
  const message = JSON.parse(await evaluate(states.NotifySuccess.Arguments.Message, { ...publishVariables,
    stoppedAt: publishVariables.startedAt + 3600000, report: withoutCost }));
  // one hour x KPUs x price: the numbers come from the deploy context
  assert.match(message.email, /Custo da aplicação: US\$ \d+\.\d\d \(\d+ KPU × 1\.00 h × US\$ [\d.]+\/KPU-h\)/);
  assert.doesNotMatch(message.email, /Estimativa do próprio job/);
});
await check('failure message', async () => {
  const message = JSON.parse(await evaluate(states.NotifyFailure.Arguments.Message, { ...publishVariables,
    failureStage: 'tempo-limite', failureError: 'O job nao escreveu o relatorio', applicationStopped: true,
    stoppedAt: publishVariables.startedAt + 60000, rerunExecution: '' }));
  for (const text of ['FALHOU na etapa tempo-limite', 'Erro: O job nao escreveu o relatorio', 'parada pelo workflow',
    'log-group/$252Faws$252Fkinesis-analytics$252F', '#/v2/executions/details/arn:aws:states', '{"month":"2025-01"}']) {
    assert.ok(message.email.includes(text), `e-mail lacks "${text}":\n${message.email}`);
  }
  assert.equal(JSON.parse(message.default).source, 'custom');
});
await check('quality alerts ride on the success: subject, each alert, the page', async () => {
  const alertas = [
    { tipo: 'drift', nivel: 'significativa', alvo: 'vl_fatura_total_u1m', valor: 0.61, limite: 0.25,
      mensagem: 'drift significativa em vl_fatura_total_u1m: PSI 0.6100 (>= 0.25)' },
    { tipo: 'quarentena', nivel: 'acima_do_limite', alvo: 'tb_pagamentos', valor: 1.4, limite: 1,
      mensagem: 'quarentena de tb_pagamentos em 1.40% (> 1%)' }];
  for (const list of [alertas, alertas.slice(0, 1)]) {
    const withAlerts = { ...report, alertas: list };
    const message = JSON.parse(await evaluate(states.NotifySuccess.Arguments.Message, { ...publishVariables,
      report: withAlerts }));
    assert.ok(message.email.includes(`Alertas de qualidade (${list.length}, não falham a execução)`), message.email);
    for (const a of list) {
      assert.ok(message.email.includes(`- ${a.mensagem}`), `e-mail lacks "${a.mensagem}":\n${message.email}`);
    }
    assert.ok(message.email.includes(`Página de qualidade: s3://`) && message.email.includes(`${runId}.html`), message.email);
    const subject = await evaluate(states.NotifySuccess.Arguments.Subject, { month, report: withAlerts });
    assert.equal(subject, `PoD Cartoes ${month}: SUCESSO com ${list.length} alerta(s)`);
  }
  const quiet = JSON.parse(await evaluate(states.NotifySuccess.Arguments.Message, { ...publishVariables,
    report: { ...report, alertas: [] } }));
  assert.doesNotMatch(quiet.email, /Alertas de qualidade/);
  assert.equal(await evaluate(states.NotifySuccess.Arguments.Subject, { month, report }), `PoD Cartoes ${month}: SUCESSO`);
});
await check('subjects are ASCII', async () => {
  for (const task of ['NotifySuccess', 'NotifyFailure']) {
    const subject = await evaluate(states[task].Arguments.Subject, { month });
    assert.match(subject, /^[\x20-\x7e]{1,99}$/);
  }
});

console.log(`${checks - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
