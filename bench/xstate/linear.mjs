// The XState 5 peer of `cohort bench` part (a): the same 5-state linear machine
// (applied -> selected -> visa -> attending -> certified), N actors, 4 events each,
// sent in the order the engine applies them (every actor's first event, then every
// actor's second, ...). Prints one JSON object.
//
//   node --expose-gc bench/xstate/linear.mjs [N=100000]
//
// Without --expose-gc the memory figure is taken without a collection first and is noisier.
import { createActor, createMachine } from 'xstate';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const xstateVersion = require('xstate/package.json').version;

// Mirrors linear_definition_json() in engine/benchmark/linear_workflow.cpp.
const machine = createMachine({
  id: 'participant',
  initial: 'applied',
  states: {
    applied: { on: { 'selection.made': { target: 'selected' } } },
    selected: { on: { 'visa.granted': { target: 'visa' } } },
    visa: { on: { 'session.checked_in': { target: 'attending' } } },
    attending: { on: { 'certificate.issued': { target: 'certified' } } },
    certified: { type: 'final' },
  },
});

const STEPS = ['selection.made', 'visa.granted', 'session.checked_in', 'certificate.issued'];

function settledRss() {
  if (typeof global.gc === 'function') {
    // Two passes: the first may only queue finalisers that free more on the second.
    global.gc();
    global.gc();
  }
  return process.memoryUsage().rss;
}

const seconds = (t0, t1) => Number(t1 - t0) / 1e9;

function run(n) {
  const before = settledRss();

  const t0 = process.hrtime.bigint();
  const actors = new Array(n);
  for (let i = 0; i < n; ++i) actors[i] = createActor(machine).start();
  const t1 = process.hrtime.bigint();
  const afterCreate = settledRss();

  // One event object per step, as XState events carry no per-instance identity here.
  const events = STEPS.map((type) => ({ type }));
  const t2 = process.hrtime.bigint();
  for (const event of events) {
    for (let i = 0; i < n; ++i) actors[i].send(event);
  }
  const t3 = process.hrtime.bigint();

  let certified = 0;
  for (let i = 0; i < n; ++i) if (actors[i].getSnapshot().value === 'certified') ++certified;
  // Measured while `actors` is still live, so every actor (and its snapshot) is counted.
  const afterRun = settledRss();
  if (actors.length !== n) throw new Error('unreachable');

  const createSeconds = seconds(t0, t1);
  const runSeconds = seconds(t2, t3);
  const eventCount = n * STEPS.length;
  return {
    events_per_s: runSeconds > 0 ? eventCount / runSeconds : 0,
    actors_per_s: createSeconds > 0 ? n / createSeconds : 0,
    rss_bytes_per_actor: n ? Math.max(0, afterRun - before) / n : 0,
    rss_bytes_per_actor_created: n ? Math.max(0, afterCreate - before) / n : 0,
    instances: n,
    events: eventCount,
    run_seconds: runSeconds,
    create_seconds: createSeconds,
    all_certified: certified === n,
    gc_exposed: typeof global.gc === 'function',
    xstate_version: xstateVersion,
    node_version: process.version,
  };
}

function main() {
  const arg = process.argv[2] ?? '100000';
  const n = Number(arg);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`error: instance count must be a positive integer, got '${arg}'`);
    process.exit(2);
  }
  // Warm-up: lets the JIT compile createActor/send before the measured run.
  const warm = run(Math.min(n, 10000));
  if (!warm.all_certified) {
    console.error('error: warm-up run did not bring every actor to certified');
    process.exit(1);
  }
  const result = run(n);
  console.log(JSON.stringify(result));
  if (!result.all_certified) {
    console.error('error: not every actor ended in certified');
    process.exit(1);
  }
}

main();
