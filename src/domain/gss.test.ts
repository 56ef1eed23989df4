import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gssCodeProblem, normaliseGssCode } from './gss.ts';

describe('GSS codes', () => {
  it('accepts codes that fit the kind of area', () => {
    assert.equal(gssCodeProblem('E09000007', 'london_borough'), null);
    assert.equal(gssCodeProblem('E06000023', 'unitary'), null);
    assert.equal(gssCodeProblem('W06000015', 'unitary'), null);
    assert.equal(gssCodeProblem('S12000036', 'unitary'), null);
    assert.equal(gssCodeProblem('E10000023', 'county'), null);
    assert.equal(gssCodeProblem('E07000163', 'district'), null);
    assert.equal(gssCodeProblem('E08000035', 'metropolitan_district'), null);
    assert.equal(gssCodeProblem('E05000128', 'ward'), null);
    assert.equal(gssCodeProblem('E04000001', 'parish'), null);
    assert.equal(gssCodeProblem(' e09000007 ', 'london_borough'), null, 'trimmed, any case');
  });

  it('explains a code of the wrong shape', () => {
    for (const bad of ['', 'E0900007', 'E090000071', 'X09000007', 'E09-000007', '09000007E']) {
      assert.match(
        gssCodeProblem(bad, 'london_borough')!,
        /must be a letter \(E, W, S or N\) followed by 8 digits/,
        bad,
      );
    }
  });

  it('explains a code for another kind of area', () => {
    assert.equal(
      gssCodeProblem('E08000007', 'london_borough'),
      'GSS code E08000007 is not a code for a london borough: codes for that kind start E09',
    );
    assert.match(gssCodeProblem('E09000007', 'ward')!, /not a code for a ward/);
  });

  it('normalises to upper case without spaces around', () => {
    assert.equal(normaliseGssCode(' e05000128\n'), 'E05000128');
  });
});
