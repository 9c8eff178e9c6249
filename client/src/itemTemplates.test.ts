import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KindTemplate } from '../../server/src/protocol';
import { itemSnippet, nextFreeId } from './itemTemplates';

test('nextFreeId: one above the highest, keeping the padding', () => {
  assert.equal(nextFreeId('SR', ['SR-001', 'SR-010', 'SR-002']), 'SR-011');
  assert.equal(nextFreeId('TH', ['TH-7', 'TH-12']), 'TH-13');
  assert.equal(nextFreeId('RC', []), 'RC-001');
  assert.equal(nextFreeId('SR', ['SR-auth', 'SR-0099']), 'SR-0100');
  assert.equal(nextFreeId('SR', ['SRX-9', 'SR-1a']), 'SR-001');
});

const THREAT: KindTemplate = {
  attributes: [
    { key: 'Category', values: ['Spoofing', 'Tampering', 'information disclosure'], placeholder: '', required: false },
    { key: 'Status', values: ['open', 'mitigated'], placeholder: '', required: false },
  ],
  description: 'Description.',
};

test('itemSnippet renders the server template: heading, a choice per allowed-value attribute, placeholders, description', () => {
  assert.equal(
    itemSnippet(THREAT, 'TH-009'),
    '## TH-009: ${1:Title}\nCategory: ${2|Spoofing,Tampering,information disclosure|}\nStatus: ${3|open,mitigated|}\n\n${0:Description.}\n',
  );
  const control: KindTemplate = {
    attributes: [
      { key: 'Mitigates', placeholder: 'TH-', required: true },
      { key: 'Owner', placeholder: '', required: true },
    ],
    description: 'Description.',
  };
  assert.equal(
    itemSnippet(control, 'RC-002', 3),
    '### RC-002: ${1:Title}\nMitigates: ${2:TH-}\nOwner: ${3}\n\n${0:Description.}\n',
  );
  assert.equal(
    itemSnippet({ attributes: [], description: 'Description.' }, 'IF-002', 3),
    '### IF-002: ${1:Title}\n\n${0:Description.}\n',
  );
});

test('itemSnippet escapes configuration text, so a custom kind inserts its values as written', () => {
  const custom: KindTemplate = {
    attributes: [
      { key: 'Level', values: ['a,b', 'x|y', 'c\\d', '$1 }'], placeholder: '', required: true },
      { key: 'Cost ${x}', placeholder: '$5}', required: false },
    ],
    description: 'What it ${is}.',
  };
  assert.equal(
    itemSnippet(custom, 'HZ-001'),
    '## HZ-001: ${1:Title}\nLevel: ${2|a\\,b,x\\|y,c\\\\d,$1 }|}\nCost \\${x\\}: ${3:\\$5\\}}\n\n${0:What it \\${is\\}.}\n',
  );
});
