// A small interpreter of the synthesized state machines (JSONata query language), so the decisions they make —
// lock taken and released, application stopped or left alone, retried or not, re-run or not — are checked on
// sample runs instead of by reading the definition. AWS calls are answered by the scenario's mocks.
//
// Covered: Pass, Choice, Wait, Task (Arguments, Assign, Retry, Catch), Map (inline items), Succeed, Fail;
// variables with Step Functions' scoping simplified to one global scope, $states.input/result/errorOutput/context.
// Output only as a Map iteration's result. Not covered (not used here): Parallel, JSONPath.
import jsonata from 'jsonata';

const stepFunctionsFunctions = { parse: (s) => JSON.parse(s), uuid: () => '00000000-0000-4000-8000-000000000000' };

export class TaskError extends Error {
  constructor(error, cause = '') {
    super(`${error}: ${cause}`);
    this.error = error;
    this.cause = cause;
  }
}

/** "arn:aws:states:::aws-sdk:kinesisanalyticsv2:stopApplication" -> "kinesisanalyticsv2:stopApplication" */
function actionOf(resource) {
  const match = /aws-sdk:([^:]+):([^.]+)/.exec(resource);
  if (!match) throw new Error(`unsupported resource ${resource}`);
  return `${match[1]}:${match[2]}`;
}

function errorMatches(names, error) {
  return names.some((n) => n === error || n === 'States.ALL' || (n === 'States.TaskFailed' && error !== 'States.Timeout'));
}

/**
 * Runs `definition` from StartAt. `mocks` maps "service:action" to a function (args, call, clock) returning the result
 * or throwing TaskError; `call` counts calls of that action so far, `clock` is the simulated time (ms). Returns { calls, end, vars, visited }.
 */
export async function simulate(definition, { input = {}, mocks = {}, now = '2026-03-05T09:00:00.000Z',
  executionId = 'arn:aws:states:sa-east-1:123:execution:pod-cartoes-execucao-mensal:abcd1234-ef', maxSteps = 2000 } = {}) {
  let clock = Date.parse(now);
  const vars = {};
  const calls = [];
  const visited = [];
  const counts = {};
  const context = { Execution: { Id: executionId, Name: executionId.split(':').pop(), Input: input } };

  async function evaluate(value, states) {
    if (typeof value === 'string' && value.startsWith('{%')) {
      const bindings = { ...stepFunctionsFunctions, now: () => new Date(clock).toISOString(), ...vars,
        states: { input, context, ...states } };
      return jsonata(value.slice(2, -2)).evaluate({}, bindings);
    }
    if (Array.isArray(value)) return Promise.all(value.map((v) => evaluate(v, states)));
    if (value && typeof value === 'object') {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = await evaluate(v, states);
      return out;
    }
    return value;
  }

  async function assign(assignment, states) {
    if (!assignment) return;
    const values = await evaluate(assignment, states); // all evaluated before any is assigned, as in Step Functions
    Object.assign(vars, values);
  }

  async function runStates(machine, startAt, stepsLeft) {
    let name = startAt;
    let output;
    while (stepsLeft-- > 0) {
      const state = machine.States[name];
      if (!state) throw new Error(`no state ${name}`);
      visited.push(name);
      switch (state.Type) {
        case 'Pass':
          await assign(state.Assign, {});
          break;
        case 'Wait':
          clock += (state.Seconds ?? 0) * 1000;
          await assign(state.Assign, {});
          break;
        case 'Choice': {
          let next = state.Default;
          for (const choice of state.Choices) {
            if (await evaluate(choice.Condition, {})) {
              await assign(choice.Assign, {});
              next = choice.Next;
              break;
            }
          }
          if (!next) throw new Error(`${name}: no choice matched and no Default`);
          name = next;
          continue;
        }
        case 'Succeed':
          return { type: 'Succeed', state: name };
        case 'Fail':
          return { type: 'Fail', state: name, error: state.Error, cause: await evaluate(state.Cause, {}) };
        case 'Map': {
          const items = await evaluate(state.Items, {});
          const processor = state.ItemProcessor;
          const results = [];
          for (const item of items ?? []) {
            const saved = { ...vars };
            const inner = await simulateInner(processor, item, stepsLeft);
            results.push(inner);
            Object.keys(vars).forEach((k) => delete vars[k]);
            Object.assign(vars, saved); // a Map iteration's variables do not leak out
          }
          await assign(state.Assign, { result: results });
          break;
        }
        case 'Task': {
          const action = actionOf(state.Resource);
          const args = await evaluate(state.Arguments ?? {}, {});
          let attempts = 0;
          let outcome;
          for (;;) {
            counts[action] = (counts[action] ?? 0) + 1;
            calls.push({ state: name, action, args });
            try {
              const mock = mocks[action];
              if (!mock) throw new Error(`no mock for ${action} (state ${name})`);
              outcome = { result: await mock(args, counts[action], clock) };
            } catch (e) {
              if (!(e instanceof TaskError)) throw e;
              outcome = { error: e };
            }
            if (!outcome.error) break;
            const retrier = (state.Retry ?? []).find((r) => errorMatches(r.ErrorEquals, outcome.error.error));
            attempts++;
            if (!retrier || attempts > (retrier.MaxAttempts ?? 3)) break;
            clock += (retrier.IntervalSeconds ?? 1) * 1000 * (retrier.BackoffRate ?? 2) ** (attempts - 1);
          }
          if (outcome.error) {
            const catcher = (state.Catch ?? []).find((c) => errorMatches(c.ErrorEquals, outcome.error.error));
            if (!catcher) return { type: 'Fail', state: name, error: outcome.error.error, cause: outcome.error.cause };
            await assign(catcher.Assign, { errorOutput: { Error: outcome.error.error, Cause: outcome.error.cause } });
            name = catcher.Next;
            continue;
          }
          await assign(state.Assign, { result: outcome.result });
          if (state.Output !== undefined) output = await evaluate(state.Output, { result: outcome.result });
          break;
        }
        default:
          throw new Error(`${name}: state type ${state.Type} not simulated`);
      }
      if (state.End) return { type: 'End', state: name, output };
      name = state.Next;
    }
    throw new Error('too many steps: a loop that never ends?');
  }

  async function simulateInner(processor, item, stepsLeft) {
    const savedInput = input;
    input = item;
    try {
      const end = await runStates(processor, processor.StartAt, stepsLeft);
      return end.output;
    } finally {
      input = savedInput;
    }
  }

  const end = await runStates(definition, definition.StartAt, maxSteps);
  return { calls, end, vars, visited, actions: calls.map((c) => c.action) };
}

/** The definition of the state machine whose name property is `name` (intrinsics rendered as plain text). */
export function stateMachine(template, name) {
  const render = (part) => (typeof part === 'string' ? part
    : part.Ref ? (part.Ref === 'AWS::Region' ? 'sa-east-1' : part.Ref === 'AWS::Partition' ? 'aws'
      : part.Ref === 'AWS::AccountId' ? '123456789012' : part.Ref)
    : part['Fn::GetAtt'] ? part['Fn::GetAtt'].join('.')
    : JSON.stringify(part));
  const machine = Object.values(template.Resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine'
    && r.Properties.StateMachineName === name);
  if (!machine) throw new Error(`no state machine ${name}`);
  const body = machine.Properties.DefinitionString;
  return JSON.parse(typeof body === 'string' ? body : body['Fn::Join'][1].map(render).join(''));
}
