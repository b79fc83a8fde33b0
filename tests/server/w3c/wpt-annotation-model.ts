/**
 * The W3C's own tests of the Web Annotation Data Model (web-platform-tests `annotation-model/`), run
 * the way their harness (JSONtest.js) runs them: every schema of `definitions/` loaded into one
 * draft-04 Ajv with `allErrors`, each assertion of a `.test` file validated in turn, and an assertion
 * passing when the result is the one it expects (`expectedResult`, "valid" unless it says otherwise).
 *
 * The files are read where the project's shared data lies (see `suiteCandidates`), never copied into
 * the repository; a missing folder is an error, so that the proof cannot silently vanish.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv04, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * Where the suite lies: MARGINALIA_SHARED_DATA (the shared data folder) if set, else the shared folder
 * beside this checkout, else the workplace's own (a clone made elsewhere on the machine, as CI's is).
 */
const suiteCandidates = [
  ...(process.env.MARGINALIA_SHARED_DATA ? [`${process.env.MARGINALIA_SHARED_DATA.replace(/\/$/, '')}/wpt-annotation-model/`] : []),
  fileURLToPath(new URL('../../../../shared/data/wpt-annotation-model/', import.meta.url)),
  '/work/shared/data/wpt-annotation-model/',
];
export const suiteDir = suiteCandidates.find((dir) => existsSync(`${dir}definitions`)) ?? suiteCandidates[0]!;

interface AssertionSchema {
  assertionType?: 'must' | 'should' | 'may';
  expectedResult?: 'valid' | 'invalid';
  errorMessage?: string;
}

export interface Assertion {
  /** The file, relative to the suite: "annotations/3.1-annotationIdValidated.json". */
  file: string;
  assertionType: string;
  expectsValid: boolean;
  errorMessage: string;
  validate: ValidateFunction;
}

export interface Suite {
  /** The assertions a `.test` file lists, in order: "annotations/annotationMusts.test". */
  assertionsOf(testFile: string): Assertion[];
  /** Every assertion file under `folder` whose `assertionType` is "must", relative to the suite. */
  mustFilesUnder(folder: string): string[];
  /** What fails when `assertions` are run over `subject`: one line per failure, none when all pass. */
  failures(subject: unknown, assertions: Assertion[]): string[];
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

export function loadSuite(): Suite {
  if (!existsSync(`${suiteDir}definitions`)) {
    throw new Error(
      `The W3C annotation-model tests are missing: looked in ${suiteCandidates.join(', ')} (the project's shared/data/wpt-annotation-model; set MARGINALIA_SHARED_DATA to its data folder). ` +
        'Without them the export cannot be proved valid, so this test fails rather than skips.',
    );
  }
  const ajv = new Ajv04({ allErrors: true, strict: false, validateSchema: false });
  addFormats(ajv);
  for (const name of readdirSync(`${suiteDir}definitions`).filter((file) => file.endsWith('.json')).sort()) {
    ajv.addSchema(readJson(`${suiteDir}definitions/${name}`) as object);
  }

  const compiled = new Map<string, Assertion>();
  const assertion = (file: string): Assertion => {
    const known = compiled.get(file);
    if (known) return known;
    const schema = readJson(`${suiteDir}${file}`) as AssertionSchema & object;
    const made: Assertion = {
      file,
      assertionType: schema.assertionType ?? 'must',
      expectsValid: (schema.expectedResult ?? 'valid') === 'valid',
      errorMessage: schema.errorMessage ?? file,
      validate: ajv.compile(schema),
    };
    compiled.set(file, made);
    return made;
  };

  return {
    assertionsOf(testFile) {
      const test = readJson(`${suiteDir}${testFile}`) as { assertions: unknown[] };
      const folder = testFile.slice(0, testFile.lastIndexOf('/') + 1);
      return test.assertions.map((entry) => {
        // The harness also allows inline schemas and nested lists; the files we run list paths only.
        if (typeof entry !== 'string') throw new Error(`${testFile}: an assertion that is not a file name: ${JSON.stringify(entry)}`);
        return assertion(entry.includes('/') ? entry : `${folder}${entry}`);
      });
    },
    mustFilesUnder(folder) {
      const found: string[] = [];
      const walk = (relative: string) => {
        for (const entry of readdirSync(`${suiteDir}${relative}`, { withFileTypes: true })) {
          const path = `${relative}/${entry.name}`;
          if (entry.isDirectory()) walk(path);
          else if (entry.name.endsWith('.json') && (readJson(`${suiteDir}${path}`) as AssertionSchema).assertionType === 'must') found.push(path);
        }
      };
      walk(folder);
      return found.sort();
    },
    failures(subject, assertions) {
      const failed: string[] = [];
      for (const { file, expectsValid, errorMessage, validate } of assertions) {
        const isValid = validate(subject) as boolean;
        if (isValid === expectsValid) continue;
        const details = (validate.errors ?? []).slice(0, 3).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
        failed.push(`${file}: ${errorMessage}${details.length > 0 ? ` (${details.join('; ')})` : ''}`);
      }
      return failed;
    },
  };
}
