#!/usr/bin/env node
// Tokenizes every shipped .sop file (policies/, stdlib/) and the sample of every construct
// (test/sample.sop) with VS Code's own TextMate engine (vscode-textmate, vscode-oniguruma) and
// the extension's grammar, then
//  - compares the tokens to the goldens in test/golden/ (`--update` rewrites them): the sample
//    token by token, a shipped file as the count of each (scopes, text) pair, strings and
//    comments shown by their scope only, so that a golden stays small and still changes with
//    any token scoped differently;
//  - asserts what a reader relies on, independently of the goldens: the string after every
//    `cite` has the citation scope and the one after every `quote` the quotation scope; no
//    character outside whitespace has the root scope alone; no keyword of the language is
//    scoped as a plain name.
// Usage: grammar_test.js REPO_ROOT [--update]; modules come from NODE_PATH or node_modules.
"use strict";
const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = path.resolve(process.argv[2] || path.join(__dirname, "../../.."));
const update = process.argv.includes("--update");
const extension = path.join(root, "editors/vscode");
const goldenDir = path.join(extension, "test/golden");

// Words the grammar of docs/language.md reserves or uses as keywords, which no shipped file
// uses as a name: each must be scoped as a keyword wherever it appears outside strings.
const KEYWORDS = new Set([
  "import", "plan", "enum", "record", "fact", "output", "def", "fn", "refine", "invariant",
  "reading", "rule", "otherwise", "exception", "adopt", "override", "omit", "because", "cite",
  "quote", "when", "first", "collect", "expect", "given", "if", "then", "else", "and", "or",
  "not", "in", "true", "false", "null", "using", "holiday", "observed", "skip",
]);
const KEYWORD_SCOPE = /^(keyword|storage\.type|constant\.language|variable\.language)\./;
// A keyword in a name's place: a field (`cite: "…"`) or a rule label (`adopt otherwise`).
const NAME_SCOPE = /^(variable\.other\.property|entity\.name\.function\.rule)\./;

async function loadGrammar() {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== "source.sop") return null;
      const file = path.join(extension, "syntaxes/sop.tmLanguage.json");
      return vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
    },
  });
  return registry.loadGrammar("source.sop");
}

// Every token of `text`: { line, column, text, scopes } (scopes without the root).
function tokenize(grammar, text) {
  const tokens = [];
  let state = vsctm.INITIAL;
  text.split("\n").forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      tokens.push({
        line: i + 1,
        column: t.startIndex + 1,
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes.slice(1),
      });
    }
    state = r.ruleStack;
  });
  return tokens;
}

const isTextual = (t) => t.scopes.some((s) => /^(string|comment)\./.test(s));

function sampleGolden(tokens) {
  return tokens
    .filter((t) => t.text.trim() !== "")
    .map((t) => `${t.line}:${t.column} ${JSON.stringify(t.text)} ${t.scopes.join(" ") || "-"}`)
    .join("\n") + "\n";
}

function summaryGolden(tokens) {
  const counts = new Map();
  for (const t of tokens) {
    if (t.text.trim() === "") continue;
    const text = isTextual(t) && !/^"$/.test(t.text) ? "…" : t.text;
    const key = `${t.scopes.join(" ") || "-"}\t${text}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k}\t${n}`).sort().join("\n") + "\n";
}

// The assertions that hold for every file, whatever the goldens say.
function check(file, text, tokens) {
  const problems = [];
  const at = (t) => `${file}:${t.line}:${t.column}`;
  const tokenAt = (line, column) =>
    tokens.find((t) => t.line === line && t.column <= column && column < t.column + t.text.length);
  for (const [keyword, scope] of [["cite", "string.quoted.double.citation.sop"],
                                  ["quote", "string.quoted.double.quotation.sop"]]) {
    // Raw text, not tokens: each `cite "` whose `cite` is not itself in a comment or a string.
    const re = new RegExp(`\\b${keyword}\\s*"`, "g");
    text.split("\n").forEach((line, i) => {
      for (let m; (m = re.exec(line)); ) {
        const word = tokenAt(i + 1, m.index + 1);
        if (!word || isTextual(word)) continue;
        const quoteColumn = m.index + m[0].length;  // 1-based column of the opening `"`
        for (const column of [quoteColumn, quoteColumn + 1]) {
          const t = tokenAt(i + 1, column);
          if (t && !t.scopes.includes(scope))
            problems.push(`${file}:${i + 1}:${column}: the string after \`${keyword}\` lacks ${scope}` +
                          ` (${t.scopes.join(" ") || "root only"})`);
        }
      }
    });
  }
  for (const t of tokens) {
    if (t.text.trim() !== "" && t.scopes.length === 0)
      problems.push(`${at(t)}: ${JSON.stringify(t.text)} has only the root scope`);
    if (!isTextual(t) && KEYWORDS.has(t.text.trim()) && !t.scopes.some((s) => KEYWORD_SCOPE.test(s) || NAME_SCOPE.test(s)))
      problems.push(`${at(t)}: keyword \`${t.text.trim()}\` is scoped ${t.scopes.join(" ") || "as nothing"}`);
  }
  return problems;
}

function compare(goldenFile, actual) {
  if (update) {
    fs.writeFileSync(goldenFile, actual);
    return [];
  }
  if (!fs.existsSync(goldenFile)) return [`${goldenFile}: missing (run with --update)`];
  const expected = fs.readFileSync(goldenFile, "utf8");
  if (expected === actual) return [];
  const a = actual.split("\n"), e = expected.split("\n");
  const i = a.findIndex((line, k) => line !== e[k]);
  return [`${path.relative(root, goldenFile)}: differs at line ${i + 1}\n  expected: ${e[i]}\n  actual:   ${a[i]}\n` +
          `  (NODE_PATH=build-test/vscode/extension/node_modules node editors/vscode/test/grammar_test.js . --update\n` +
          `   rewrites the goldens: review the diff)`];
}

function shippedFiles() {
  const files = [];
  for (const dir of ["policies", "stdlib"])
    for (const f of fs.readdirSync(path.join(root, dir)).sort())
      if (f.endsWith(".sop")) files.push(`${dir}/${f}`);
  return files;
}

async function main() {
  const grammar = await loadGrammar();
  const problems = [];
  let passed = 0, failed = 0;
  const cases = [["editors/vscode/test/sample.sop", "sample.scopes", sampleGolden]];
  for (const f of shippedFiles()) cases.push([f, f.replace("/", "_").replace(/\.sop$/, ".scopes"), summaryGolden]);
  const expectedGoldens = new Set(cases.map((c) => c[1]));
  for (const [file, golden, render] of cases) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const tokens = tokenize(grammar, text);
    const found = [...check(file, text, tokens), ...compare(path.join(goldenDir, golden), render(tokens))];
    console.log(`${found.length ? "FAIL" : "ok  "} ${file} (${tokens.length} tokens)`);
    found.forEach((p) => console.log(`  ${p}`));
    found.length ? failed++ : passed++;
    problems.push(...found);
  }
  for (const g of fs.readdirSync(goldenDir))
    if (!expectedGoldens.has(g)) {
      console.log(`FAIL test/golden/${g}: no file of that name is tokenized (remove it)`);
      failed++;
    }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
