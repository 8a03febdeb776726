// Every message key the code can ask for is written out as a string literal (no key is built at
// run time), so the source alone says which keys exist: this reads them from bot/ and core/ and
// checks each against both locales. Keys are found as the key argument of a translate call (or of
// a helper that passes its key on to one), a key-valued property (a button's label, a hint), a
// local const such an argument names, and the values of key maps (consts named `…Key`/`…Keys`).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const localesDir = join(root, "bot/locales");

const keysOf = (locale: string) =>
  new Set(
    readdirSync(join(localesDir, locale))
      .filter((file) => file.endsWith(".ftl"))
      .flatMap((file) => readFileSync(join(localesDir, locale, file), "utf8").split("\n"))
      .map((line) => /^([a-z][\w-]*)\s*=/.exec(line)?.[1])
      .filter((key): key is string => key !== undefined),
  );

/** The calls that take a message key, by the key arguments' positions. */
const keyArguments = new Map([
  ["t", [0]], // ctx.t, reply.t and the local translators named t; i18n.t(locale, key) below
  ["staff", [0]],
  ["hint", [1]],
  ["say", [2]],
  ["tellSubscriber", [2]],
  ["notDelivered", [0]],
  ["notifyRecipients", [2]],
  ["askForPassword", [2]],
  ["refuse", [0]],
  ["choice", [0, 2]],
  ["typed", [2]],
]);
/** Functions that hand out translators: `staffText(deps)("key")`. */
const translatorFactories = new Set(["staffText"]);
/** Functions whose result is a message key. */
const keyReturners = new Set(["notAPassword"]);
/** Properties whose value is a message key. */
const keyProperties = new Set(["label", "placeholder", "hint"]);
const isKeyMap = (name: string) => /Keys?$/.test(name);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

interface Found {
  keys: { key: string; at: string }[];
  /** Key expressions put together at run time (a template, a concatenation). */
  built: string[];
}

function keysIn(file: string, found: Found) {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const at = (node: ts.Node) =>
    `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const consts = new Map<string, ts.Expression[]>();
  const visitDeclarations = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
      consts.set(node.name.text, [...(consts.get(node.name.text) ?? []), node.initializer]);
    ts.forEachChild(node, visitDeclarations);
  };
  visitDeclarations(source);

  const seen = new Set<ts.Node>();
  function key(expression: ts.Expression | undefined) {
    if (!expression || seen.has(expression)) return;
    seen.add(expression);
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
      found.keys.push({ key: expression.text, at: at(expression) });
    else if (ts.isTemplateExpression(expression)) found.built.push(at(expression));
    else if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression))
      key(expression.expression);
    else if (ts.isConditionalExpression(expression)) {
      key(expression.whenTrue);
      key(expression.whenFalse);
    } else if (ts.isBinaryExpression(expression)) {
      if (expression.operatorToken.kind === ts.SyntaxKind.PlusToken)
        found.built.push(at(expression));
      else {
        key(expression.left);
        key(expression.right);
      }
    } else if (ts.isIdentifier(expression))
      for (const value of consts.get(expression.text) ?? []) key(value);
  }
  function mapValues(node: ts.Node) {
    if (ts.isPropertyAssignment(node)) key(node.initializer);
    else ts.forEachChild(node, mapValues);
  }

  function returnedKeys(node: ts.Node) {
    if (ts.isReturnStatement(node)) key(node.expression);
    else ts.forEachChild(node, returnedKeys);
  }

  function visit(node: ts.Node) {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : ts.isCallExpression(callee) &&
              translatorFactories.has(callee.expression.getText(source))
            ? "t"
            : undefined;
      const onI18n =
        ts.isPropertyAccessExpression(callee) && /i18n$/i.test(callee.expression.getText(source));
      const positions = name === "t" && onI18n ? [1] : name ? keyArguments.get(name) : undefined;
      for (const position of positions ?? []) key(node.arguments[position]);
    }
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      keyProperties.has(node.name.text)
    )
      key(node.initializer);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && isKeyMap(node.name.text))
      mapValues(node);
    if (ts.isFunctionDeclaration(node) && node.name && keyReturners.has(node.name.text))
      returnedKeys(node);
    ts.forEachChild(node, visit);
  }
  visit(source);
}

describe("message keys in the code", () => {
  const found: Found = { keys: [], built: [] };
  for (const dir of ["bot", "core"])
    for (const file of sourceFiles(join(root, dir))) keysIn(file, found);

  it("are string literals, none put together at run time", () => {
    expect(found.built).toEqual([]);
  });

  it.each(["ru", "en"])("are all in the %s locale", (locale) => {
    const defined = keysOf(locale);
    expect(found.keys.length).toBeGreaterThan(300);
    const missing = found.keys.filter(({ key }) => !defined.has(key));
    expect(missing.map(({ key, at }) => `${key} (${at})`)).toEqual([]);
  });
});
