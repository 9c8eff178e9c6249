import { LexicalRule } from '../ruleTypes';
import { pyCalls, pyImported } from './pyHelpers';

const PICKLERS = 'pickle|cPickle|_pickle|cloudpickle|dill';

/** Deserialization with pickle and the libraries built on it. */
export const pickleLoad: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/pickle-load',
  title: 'Deserialization with pickle',
  cwe: [502],
  severity: 'warning',
  precision: 'high',
  securitySeverity: 8.1,
  message: 'pickle-based deserialization: loading data that an attacker can influence executes arbitrary code',
  description: [
    'Unpickling is not parsing: a pickle stream names callables and their arguments, and `pickle.load` / `loads` calls them while rebuilding the object (CWE-502). Whoever can write the bytes — an uploaded file, a message queue, a cache shared with another service, a model file from the internet — can run code in your process. The same holds for `cPickle`, `dill`, `cloudpickle`, `shelve.open`, `jsonpickle.decode`, `pandas.read_pickle`, `joblib.load` and `torch.load(..., weights_only=False)`.',
    '',
    'Exchange data as JSON (validated against a schema), or another format without code execution. If pickles are unavoidable, only read files your own service wrote and authenticate them (e.g. an HMAC checked before loading).',
  ].join('\n'),
  bad: 'record = pickle.loads(request.data)',
  good: 'record = PatientRecord.model_validate(json.loads(request.data))',
  trigger: /pickle|dill|shelve|joblib|Unpickler|torch/i,
  check(ctx) {
    const bare = [
      ...pyImported(ctx.code, PICKLERS, ['load', 'loads', 'Unpickler']),
      ...pyImported(ctx.code, 'shelve', ['open']),
      ...pyImported(ctx.code, 'jsonpickle', ['decode']),
      ...pyImported(ctx.code, 'pandas', ['read_pickle']),
      ...pyImported(ctx.code, 'joblib', ['load']),
    ];
    const names = [
      `(?:${PICKLERS})\\.(?:loads?|Unpickler)`,
      'shelve\\.open',
      'jsonpickle\\.decode',
      '(?:pd|pandas)\\.read_pickle',
      'joblib\\.load',
      'torch\\.load',
      ...bare,
    ];
    for (const call of pyCalls(ctx.code, names.join('|'))) {
      const args = ctx.code.slice(call.open, call.end);
      if (call.name === 'torch.load' && !/\bweights_only\s*=\s*False\b/.test(args)) continue;
      const first = call.args[0] ? ctx.code.slice(call.args[0].start, call.args[0].end) : '';
      if (/^(?:[\w.]+\.)?dumps\s*\(/.test(first)) continue; // a round trip of the program's own object
      ctx.report(
        call.start,
        call.end,
        `${call.name}() deserializes with pickle: loading data that an attacker can influence executes arbitrary code`,
      );
    }
  },
};
