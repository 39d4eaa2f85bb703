import { expect } from 'chai';

import { coerceValue } from '../../src/validation/coerce-value.js';
import type { Coercion } from '../../src/validation/coercion.js';

const toNumber: Coercion = { kind: 'scalar', to: 'number' };

describe('coerceValue to number (red-team round 2, finding 6)', () => {
  const accepted = [
    { raw: '42', value: 42 },
    { raw: '-0', value: 0 },
    { raw: '-0.0', value: 0 },
    { raw: '1.5e3', value: 1500 },
    { raw: '9007199254740991', value: Number.MAX_SAFE_INTEGER },
    { raw: '-9007199254740991', value: -Number.MAX_SAFE_INTEGER },
  ];

  for (const { raw, value } of accepted) {
    it(`converts ${raw} to ${Object.is(value, 0) ? '0 (never -0)' : String(value)}`, () => {
      const result = coerceValue(raw, toNumber);

      expect(result.ok).to.equal(true);
      expect(Object.is(result.value, value)).to.equal(true);
    });
  }

  const refused = [
    { raw: '1e400', message: 'Expected a finite number.' },
    { raw: '-1e400', message: 'Expected a finite number.' },
    { raw: '9007199254740993', message: 'Expected a number within the safe integer range.' },
    { raw: '-9007199254740992', message: 'Expected a number within the safe integer range.' },
    { raw: 'Infinity', message: 'Expected a number.' },
    { raw: 'NaN', message: 'Expected a number.' },
  ];

  for (const { raw, message } of refused) {
    it(`refuses ${raw} with "${message}"`, () => {
      const result = coerceValue(raw, toNumber);

      expect(result.ok).to.equal(false);
      expect(result).to.have.deep.property('failures', [{ message }]);
    });
  }
});
