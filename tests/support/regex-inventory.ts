/**
 * Every regular expression in a source tree, found by parsing the TypeScript sources rather than
 * kept by hand: regex literals, and `RegExp(…)` / `new RegExp(…)` whose pattern the compiler can
 * resolve to literals — string literals, template literals, `X.source` of a regex literal declared
 * anywhere in the program, and template literals made of those. A constructed pattern that cannot
 * be resolved is reported as such, so that nothing escapes the ReDoS check silently.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  /** `server/extraction/signatures/quoted-parts.ts:12`. */
  where: string;
  source: string;
  flags: string;
}

export interface UnresolvedRegex {
  where: string;
  text: string;
}

export interface RegexInventory {
  regexes: FoundRegex[];
  unresolved: UnresolvedRegex[];
}

function sourceFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory)) {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) found.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry) && !entry.endsWith('.d.ts')) found.push(full);
  }
  return found;
}

/** "/a+b/gi" → { source: "a+b", flags: "gi" }. */
function splitLiteral(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}

export function inventoryRegexes(root: string, directory: string): RegexInventory {
  const files = sourceFiles(path.join(root, directory));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    allowJs: false,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const regexes: FoundRegex[] = [];
  const unresolved: UnresolvedRegex[] = [];

  const declarationOf = (node: ts.Node): ts.Declaration | undefined => {
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  };

  /** The literal pattern an expression stands for, or undefined when it is built at run time. */
  const resolve = (node: ts.Expression, depth = 0): { source: string; flags?: string } | undefined => {
    if (depth > 8) return undefined;
    if (ts.isParenthesizedExpression(node)) return resolve(node.expression, depth + 1);
    if (ts.isRegularExpressionLiteral(node)) return splitLiteral(node.text);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { source: node.text };
    if (ts.isIdentifier(node)) {
      const declaration = declarationOf(node);
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
        const list = declaration.parent;
        if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) {
          return resolve(declaration.initializer, depth + 1);
        }
      }
      return undefined;
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'source') {
      const target = resolve(node.expression, depth + 1);
      return target?.flags !== undefined ? { source: target.source } : undefined;
    }
    if (ts.isTemplateExpression(node)) {
      let source = node.head.text;
      for (const span of node.templateSpans) {
        const part = resolve(span.expression, depth + 1);
        if (!part) return undefined;
        source += part.source + span.literal.text;
      }
      return { source };
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = resolve(node.left, depth + 1);
      const right = resolve(node.right, depth + 1);
      return left && right ? { source: left.source + right.source } : undefined;
    }
    return undefined;
  };

  const flagsOf = (node: ts.Expression | undefined): string | undefined => {
    if (!node) return '';
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'flags') {
      return resolve(node.expression)?.flags;
    }
    return undefined;
  };

  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || !files.includes(path.resolve(file.fileName))) continue;
    const relative = path.relative(root, file.fileName);
    const where = (node: ts.Node) =>
      `${relative}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        regexes.push({ where: where(node), ...splitLiteral(node.text) });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [patternArg, flagsArg] = node.arguments ?? [];
        const pattern = patternArg ? resolve(patternArg) : undefined;
        const flags = flagsArg ? flagsOf(flagsArg) : (pattern?.flags ?? '');
        // A literal argument is also visited below as a literal; only constructed ones are added here.
        if (pattern && flags !== undefined) {
          if (!patternArg || !ts.isRegularExpressionLiteral(patternArg) || flagsArg) {
            regexes.push({ where: where(node), source: pattern.source, flags });
          }
        } else {
          unresolved.push({ where: where(node), text: node.getText(file).slice(0, 120) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { regexes, unresolved };
}
